import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { refusal } from './useMarkDay';

describe('refusal', () => {
  it("gives the server's reason for a day it refuses, not the generic 'not valid'", () => {
    const err = new ApiError(400, 'invalid', 'Some fields are not valid.', { date: 'Only the last 7 days can be recorded.' });
    expect(refusal(err)).toBe('Only the last 7 days can be recorded.');
  });

  it('keeps the message of a conflict, such as the week’s skips being used', () => {
    const err = new ApiError(409, 'skip_limit_reached', 'All 2 excused skips of the week starting 2026-11-30 are used.');
    expect(refusal(err)).toBe('All 2 excused skips of the week starting 2026-11-30 are used.');
  });
});
