import { describe, expect, it } from 'vitest';
import type { Habit } from '../../api';
import { emptyValues, initialValues, toggleWeekday, toInput, validate } from './habitFormModel';

const base = { ...emptyValues('2026-11-22'), name: 'Read', action: 'read 10 pages', place: 'armchair' };

describe('habit form rules', () => {
  it('checks extra reminders as the server does and sends them', () => {
    const useful = { ...base, reward_mode: 'reward' as const, reward_text: 'tea', time_of_day: '18:00', grace_minutes: '60' };
    expect(validate({ ...useful, extra_reminders: ['09:00', '18:30'] })).toEqual({});
    expect(validate({ ...useful, extra_reminders: ['18:00'] })).toEqual({ extra_reminders: expect.stringContaining('own time') });
    expect(validate({ ...useful, extra_reminders: ['19:00'] })).toEqual({ extra_reminders: expect.stringContaining('after the grace') });
    // a grace window past midnight leaves every other time of the day
    expect(validate({ ...useful, time_of_day: '23:30', extra_reminders: ['06:00'] })).toEqual({});
    expect(toInput({ ...useful, extra_reminders: ['09:00'] })).toMatchObject({ extra_reminders: ['09:00'] });
  });

  it('asks a useful habit for a pleasant habit or a reward', () => {
    expect(validate({ ...base, reward_mode: 'pleasant' })).toEqual({ related_pleasant_habit: expect.any(String) });
    expect(validate({ ...base, reward_mode: 'reward' })).toEqual({ reward_text: expect.any(String) });
    expect(validate({ ...base, reward_mode: 'reward', reward_text: 'chocolate' })).toEqual({});
  });

  it('does not let a habit reward itself', () => {
    expect(validate({ ...base, related_pleasant_habit: 4 }, 4)).toHaveProperty('related_pleasant_habit');
  });

  it('asks a pleasant habit for nothing more', () => {
    expect(validate({ ...base, is_pleasant: true })).toEqual({});
  });

  it('requires the what, where and when, and whole minutes', () => {
    const errors = validate({ ...base, is_pleasant: true, action: ' ', place: '', time_of_day: '', grace_minutes: '-5', fix_minutes: '1441' });
    expect(Object.keys(errors).sort()).toEqual(['action', 'fix_minutes', 'grace_minutes', 'place', 'time_of_day']);
  });

  it('sends only the reward that the chosen kind uses', () => {
    const useful = toInput({ ...base, reward_mode: 'pleasant', related_pleasant_habit: 3, reward_text: 'left over' });
    expect(useful).toMatchObject({ related_pleasant_habit: 3, reward_text: '', time_of_day: '08:00:00', grace_minutes: 60 });
    const pleasant = toInput({ ...base, is_pleasant: true, related_pleasant_habit: 3, reward_text: 'x' });
    expect(pleasant).toMatchObject({ related_pleasant_habit: null, reward_text: '' });
  });

  it('times a useful habit paired from the first-run guide right before its treat', () => {
    const coffee = { id: 3, time_of_day: '22:30:00' } as Habit;
    const params = new URLSearchParams({ kind: 'useful', template: 'read', related: '3' });
    expect(initialValues(null, params, '2026-11-22', [coffee])).toMatchObject({ related_pleasant_habit: 3, time_of_day: '22:15', is_pleasant: false, action: 'read 10 pages' });
    // Without a pleasant habit to pair with, the template's own time stays.
    expect(initialValues(null, new URLSearchParams({ template: 'read' }), '2026-11-22', [])).toMatchObject({ time_of_day: '07:45', related_pleasant_habit: '' });
  });
});

describe('schedule', () => {
  const useful = { ...base, reward_mode: 'reward' as const, reward_text: 'tea' };

  it('toggles weekdays on and off, kept in order from Monday', () => {
    expect(toggleWeekday([0, 4], 2)).toEqual([0, 2, 4]);
    expect(toggleWeekday([0, 2, 4], 0)).toEqual([2, 4]);
    expect(toggleWeekday([], 6)).toEqual([6]);
  });

  it('sends only the chosen kind its setting', () => {
    expect(toInput({ ...useful, schedule: 'weekdays', weekdays: [1, 3] })).toMatchObject({ schedule: 'weekdays', weekdays: [1, 3], times_per_week: null });
    expect(toInput({ ...useful, schedule: 'times_per_week', times_per_week: 4 })).toMatchObject({ schedule: 'times_per_week', weekdays: [], times_per_week: 4 });
    expect(toInput({ ...useful, schedule: 'every_n_days', periodicity_days: 2 })).toMatchObject({ schedule: 'every_n_days', periodicity_days: 2, weekdays: [], times_per_week: null });
  });

  it('asks for a weekday and a count the server takes', () => {
    expect(validate({ ...useful, schedule: 'weekdays', weekdays: [] })).toEqual({ weekdays: expect.any(String) });
    expect(validate({ ...useful, schedule: 'times_per_week', times_per_week: 7 })).toEqual({ times_per_week: expect.any(String) });
    expect(validate({ ...useful, schedule: 'times_per_week', times_per_week: 6 })).toEqual({});
  });
});
