import { describe, expect, it } from 'vitest';
import { instanceState, isOpen } from './instanceState';

const times = {
  scheduled_at: '2026-11-22T07:00:00Z',
  grace_deadline: '2026-11-22T08:00:00Z',
  fix_deadline: '2026-11-22T10:00:00Z',
};
const at = (iso: string) => Date.parse(iso);

describe('instanceState', () => {
  it('follows the clock across each deadline, whatever the last sweep wrote', () => {
    for (const status of ['scheduled', 'pending'] as const) {
      const i = { ...times, status };
      expect(instanceState(i, at('2026-11-22T06:59:59Z'))).toBe('scheduled');
      expect(instanceState(i, at('2026-11-22T07:00:00Z'))).toBe('pending');
      expect(instanceState(i, at('2026-11-22T08:00:00Z'))).toBe('pending'); // the grace deadline itself is on time
      expect(instanceState(i, at('2026-11-22T08:00:01Z'))).toBe('late');
      expect(instanceState(i, at('2026-11-22T10:00:00Z'))).toBe('late');
      expect(instanceState(i, at('2026-11-22T10:00:01Z'))).toBe('fix_expired');
    }
  });

  it('keeps a final status as it is', () => {
    for (const status of ['completed', 'completed_late', 'missed', 'fix_expired'] as const) {
      expect(instanceState({ ...times, status }, at('2026-11-22T07:30:00Z'))).toBe(status);
    }
  });

  it('lets Done and Skip apply only while the fix window is open', () => {
    expect(['scheduled', 'pending', 'late'].every((s) => isOpen(s as 'late'))).toBe(true);
    expect(['completed', 'completed_late', 'missed', 'fix_expired'].some((s) => isOpen(s as 'late'))).toBe(false);
  });
});
