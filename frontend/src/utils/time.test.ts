import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime, formatTimeOfDay, timeLeft, todayIn, usesTwelveHourClock } from './time';

describe('time helpers', () => {
  it('shows instants in the user timezone', () => {
    expect(formatTime('2026-11-22T04:30:00Z', 'Asia/Kolkata', 'en-GB')).toBe('10:00');
    expect(formatTime('2026-11-22T04:30:00Z', 'America/New_York', 'en-GB')).toBe('23:30');
  });

  it('writes one format per locale: padded 24-hour clocks, unpadded 12-hour ones', () => {
    const morning = '2026-11-22T07:30:00Z';
    expect(formatTime(morning, 'UTC', 'en-GB')).toBe('07:30');
    expect(formatTime(morning, 'UTC', 'de-DE')).toBe('07:30');
    expect(formatTime(morning, 'UTC', 'fr-FR')).toBe('07:30');
    expect(formatTime(morning, 'UTC', 'en-US')).toMatch(/^7:30\sAM$/);
    expect(formatTime('2026-11-22T19:05:00Z', 'UTC', 'en-US')).toMatch(/^7:05\sPM$/);
    // A habit's wall-clock time reads exactly like an instant at that time.
    for (const locale of ['en-GB', 'en-US', 'de-DE', 'ko-KR']) {
      expect(formatTimeOfDay('07:30:00', locale)).toBe(formatTime(morning, 'UTC', locale));
    }
  });

  it('never writes the ambiguous 12:00 AM / PM', () => {
    expect(usesTwelveHourClock('en-US')).toBe(true);
    expect(usesTwelveHourClock('en-GB')).toBe(false);
    expect(formatTimeOfDay('00:00', 'en-US')).toBe('midnight');
    expect(formatTimeOfDay('12:00:00', 'en-US')).toBe('noon');
    expect(formatTime('2026-11-22T05:00:00Z', 'America/New_York', 'en-US')).toBe('midnight');
    expect(formatTimeOfDay('00:30', 'en-US')).toMatch(/^12:30\sAM$/);
    // 24-hour clocks are unambiguous as they are.
    expect(formatTimeOfDay('00:00', 'en-GB')).toBe('00:00');
    expect(formatTimeOfDay('12:00', 'de-DE')).toBe('12:00');
  });

  it('writes date and time with the same time format', () => {
    expect(formatDateTime('2026-11-22T05:00:00Z', 'America/New_York', 'en-US')).toBe('Nov 22, 2026, midnight');
    expect(formatDateTime('2026-11-22T07:30:00Z', 'Europe/Berlin', 'en-GB')).toBe('22 Nov 2026, 08:30');
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
