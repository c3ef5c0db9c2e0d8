import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, lastDays, weekdayOf } from './days';

describe('days', () => {
  it('moves across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // a DST night changes nothing for dates
  });

  it('lists the last days oldest first, ending today', () => {
    expect(lastDays('2026-12-02', 3)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
  });

  it('counts weekdays from Monday = 0', () => {
    expect(weekdayOf('2026-11-30')).toBe(0); // a Monday
    expect(weekdayOf('2026-12-06')).toBe(6); // a Sunday
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2026-11-25', '2026-12-02')).toBe(7);
    expect(daysBetween('2026-12-02', '2026-12-01')).toBe(-1);
  });
});
