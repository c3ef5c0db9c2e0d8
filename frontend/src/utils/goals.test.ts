import { describe, expect, it } from 'vitest';
import { deadlineText, fileSizeText, goalFormBody, goalFormErrors, isImage, moveItem, progressText, progressValue } from './goals';

describe('progress display', () => {
  it('counts the stages and gives the percentage', () => {
    expect(progressText({ progress: 66, stages_count: 3, completed_stages_count: 2, is_completed: false })).toBe('2 of 3 stages · 66 %');
  });
  it('tells a goal without stages apart, done by hand or not', () => {
    expect(progressText({ progress: 0, stages_count: 0, completed_stages_count: 0, is_completed: false })).toBe('No stages yet');
    expect(progressText({ progress: 100, stages_count: 0, completed_stages_count: 0, is_completed: true })).toBe('Completed');
  });
  it('keeps the bar within 0 to 100', () => {
    expect(progressValue(150)).toBe(100);
    expect(progressValue(-3)).toBe(0);
    expect(progressValue(33.9)).toBe(33);
  });
});

describe('moveItem', () => {
  it('moves an item up and down', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });
  it('returns the same list when the move would leave it', () => {
    const list = ['a', 'b'];
    expect(moveItem(list, 0, -1)).toBe(list);
    expect(moveItem(list, 1, 1)).toBe(list);
    expect(moveItem(list, 5, -1)).toBe(list);
  });
  it('does not change the list it was given', () => {
    const list = ['a', 'b', 'c'];
    moveItem(list, 0, 2);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});

describe('goal form', () => {
  it('asks for a title and sends a blank deadline as none', () => {
    expect(goalFormErrors({ title: '  ', description: '', deadline: '', habits: [] })).toEqual({ title: 'Give the goal a title.' });
    expect(goalFormBody({ title: ' Run ', description: ' far ', deadline: '', habits: [3] })).toEqual({
      title: 'Run',
      description: 'far',
      deadline: null,
      habits: [3],
    });
  });
  it('refuses a deadline that is not a date', () => {
    expect(goalFormErrors({ title: 'x', description: '', deadline: '1.10.26', habits: [] }).deadline).toBe('Pick a date.');
  });
});

describe('wording', () => {
  it('says when a deadline is', () => {
    expect(deadlineText(null, '2026-12-01')).toBeNull();
    expect(deadlineText('2026-12-01', '2026-12-01')).toBe('Due today');
    expect(deadlineText('2026-11-30', '2026-12-01')).toBe('1 day overdue');
    expect(deadlineText('2026-12-25', '2026-12-01')).toBe('Due 25 Dec 2026');
  });
  it('tells images from documents and sizes in words', () => {
    expect(isImage('image/webp')).toBe(true);
    expect(isImage('application/pdf')).toBe(false);
    expect(fileSizeText(2048)).toBe('2 KB');
    expect(fileSizeText(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
