import { describe, expect, it } from 'vitest';
import type { Habit } from '../api';
import { pauseText, scheduleText } from './schedule';

type S = Pick<Habit, 'schedule' | 'periodicity_days' | 'weekdays' | 'times_per_week'>;
const habit = (s: Partial<S>): S => ({ schedule: 'every_n_days', periodicity_days: 1, weekdays: [], times_per_week: null, ...s }) as S;

describe('scheduleText', () => {
  it('says every N days in words', () => {
    expect(scheduleText(habit({ periodicity_days: 1 }))).toBe('Every day');
    expect(scheduleText(habit({ periodicity_days: 3 }))).toBe('Every 3 days');
    expect(scheduleText(habit({ periodicity_days: 7 }))).toBe('Once a week');
  });

  it('names the chosen weekdays from Monday on, whatever their order', () => {
    expect(scheduleText(habit({ schedule: 'weekdays', weekdays: [4, 0, 2] }))).toBe('Every Mon, Wed and Fri');
    expect(scheduleText(habit({ schedule: 'weekdays', weekdays: [6] }))).toBe('Every Sun');
    expect(scheduleText(habit({ schedule: 'weekdays', weekdays: [1, 3] }))).toBe('Every Tue and Thu');
  });

  it('has short names for the usual sets of days', () => {
    expect(scheduleText(habit({ schedule: 'weekdays', weekdays: [0, 1, 2, 3, 4] }))).toBe('On weekdays');
    expect(scheduleText(habit({ schedule: 'weekdays', weekdays: [5, 6] }))).toBe('On weekends');
    expect(scheduleText(habit({ schedule: 'weekdays', weekdays: [0, 1, 2, 3, 4, 5, 6] }))).toBe('Every day');
  });

  it('says how many times a week', () => {
    expect(scheduleText(habit({ schedule: 'times_per_week', times_per_week: 1 }))).toBe('Once a week, any day');
    expect(scheduleText(habit({ schedule: 'times_per_week', times_per_week: 2 }))).toBe('Twice a week');
    expect(scheduleText(habit({ schedule: 'times_per_week', times_per_week: 5 }))).toBe('5 times a week');
  });
});

describe('pauseText', () => {
  const today = '2026-12-01';
  it('says until when, or open-ended', () => {
    expect(pauseText({ paused_from: '2026-11-28', paused_until: '2026-12-12' }, today)).toBe('Paused until Dec 12');
    expect(pauseText({ paused_from: '2026-12-01', paused_until: null }, today)).toBe('Paused');
  });

  it('announces a pause that starts later and forgets one that is over', () => {
    expect(pauseText({ paused_from: '2026-12-20', paused_until: '2027-01-03' }, today)).toBe('Pause from Dec 20 to Jan 3');
    expect(pauseText({ paused_from: '2026-11-01', paused_until: '2026-11-30' }, today)).toBeNull();
    expect(pauseText({ paused_from: null, paused_until: null }, today)).toBeNull();
  });
});
