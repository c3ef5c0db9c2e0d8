import { describe, expect, it } from 'vitest';
import { comingNext, dayInWords } from './comingNext';

const habit = (id: number, next: string | null, time = '07:00:00') => ({ id, name: `H${id}`, time_of_day: time, next_due_date: next });

describe('comingNext', () => {
  it('lists the habits due after today, soonest first, then by time', () => {
    const list = comingNext([habit(1, '2026-12-04'), habit(2, '2026-12-02', '09:00:00'), habit(3, null), habit(4, '2026-12-02', '06:00:00'), habit(5, '2026-12-01')], '2026-12-01');
    expect(list.map((h) => h.id)).toEqual([4, 2, 1]);
  });

  it('says the day in words', () => {
    expect(dayInWords('2026-12-02', '2026-12-01')).toBe('tomorrow');
    expect(dayInWords('2026-12-04', '2026-12-01')).toBe('on Friday');
    expect(dayInWords('2026-12-14', '2026-12-01')).toBe('on Mon, Dec 14');
  });
});
