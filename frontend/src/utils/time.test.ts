import { describe, expect, it } from 'vitest';
import { formatTime, timeLeft, todayIn } from './time';

describe('time helpers', () => {
  it('shows instants in the user timezone', () => {
    expect(formatTime('2026-11-22T04:30:00Z', 'Asia/Kolkata')).toMatch(/10:00/);
    expect(formatTime('2026-11-22T04:30:00Z', 'America/New_York')).toMatch(/11:30|23:30/);
  });

  it('knows which day it is in a zone', () => {
    const now = new Date('2026-11-22T23:30:00Z');
    expect(todayIn('UTC', now)).toBe('2026-11-22');
    expect(todayIn('Pacific/Kiritimati', now)).toBe('2026-11-23');
  });

  it('counts down to a deadline', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(timeLeft('2026-11-22T12:05:00Z', now)).toBe('2 h 05 min');
    expect(timeLeft('2026-11-22T10:12:30Z', now)).toBe('12 min');
    expect(timeLeft('2026-11-22T10:00:20Z', now)).toBe('less than a minute');
    expect(timeLeft('2026-11-22T09:59:00Z', now)).toBeNull();
  });
});
