import { describe, expect, it } from 'vitest';
import type { Instance } from '../api';
import { fakeServer } from '../test/fakeServer';
import { markDay } from './marking';

const now = Date.parse('2026-12-01T08:00:00Z');
const habit = { id: 7, name: 'Read', action: 'read', place: 'armchair', time_of_day: '08:30:00', is_pleasant: false, reward_text: '', related_pleasant_habit_name: null, current_streak: 2 };
const open: Instance = {
  id: 91, date: '2026-12-01', status: 'pending', scheduled_at: '2026-12-01T07:30:00Z', grace_deadline: '2026-12-01T08:30:00Z',
  fix_deadline: '2026-12-01T10:30:00Z', completed_at: null, recorded_late: false,
  note: "", habit,
};
const yesterday: Instance = { ...open, id: 90, date: '2026-11-30', status: 'fix_expired', fix_deadline: '2026-11-30T10:30:00Z' };

function server() {
  return fakeServer((call) => {
    if (call.method === 'DELETE') return { status: 204 };
    if (call.method === 'PUT') return { status: 200, data: { ...yesterday, status: (call.body as { status: string }).status, recorded_late: true } };
    const [, id, action] = /instances\/(\d+)\/(\w+)\//.exec(call.url) ?? [];
    const status = { complete: 'completed', fail: 'missed', skip: 'skipped', undo: 'pending' }[action];
    return { status: 200, data: { ...open, id: Number(id), status } };
  });
}

describe('markDay', () => {
  it("marks today's open instance through its own action, and undoes through /undo/", async () => {
    const calls = server();
    const result = await markDay({ habitId: 7, date: open.date, instance: open }, 'skipped', now);
    expect(result.instance?.status).toBe('skipped');
    await result.undo();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST instances/91/skip/', 'POST instances/91/undo/']);
  });

  it('changes a mark still inside its fix window by undoing it first', async () => {
    const calls = server();
    const done = { ...open, status: 'completed' as const, completed_at: '2026-12-01T07:40:00Z' };
    const result = await markDay({ habitId: 7, date: open.date, instance: done }, 'missed', now);
    expect(result.instance?.status).toBe('missed');
    await result.undo();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST instances/91/undo/', 'POST instances/91/fail/', 'POST instances/91/undo/', 'POST instances/91/complete/',
    ]);
  });

  it('records a past day through the days endpoint and puts it back on undo', async () => {
    const calls = server();
    const result = await markDay({ habitId: 7, date: yesterday.date, instance: yesterday }, 'completed', now);
    expect(result.instance).toMatchObject({ status: 'completed', recorded_late: true });
    // It had only the sweep's fix_expired, which no one can record: undo clears the recorded day.
    expect(await result.undo()).toBeNull();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['PUT habits/7/days/2026-11-30/', 'DELETE habits/7/days/2026-11-30/']);
    expect(calls[0].body).toEqual({ status: 'completed' });
  });

  it('clears a recorded day and restores its mark on undo', async () => {
    const calls = server();
    const recorded = { ...yesterday, status: 'missed' as const, recorded_late: true };
    const result = await markDay({ habitId: 7, date: recorded.date, instance: recorded }, 'clear', now);
    expect(result.instance).toBeNull();
    await result.undo();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['DELETE habits/7/days/2026-11-30/', 'PUT habits/7/days/2026-11-30/']);
    expect(calls[1].body).toEqual({ status: 'missed' });
  });
});
