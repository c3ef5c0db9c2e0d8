import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { doneAt, InstanceHistory } from './InstanceHistory';

const base = { habit: { id: 7, name: 'Read', action: 'read', place: 'armchair', time_of_day: '23:30:00', is_pleasant: false, reward_text: '', related_pleasant_habit_name: null, current_streak: 1 } };

describe('InstanceHistory', () => {
  it("shows planned and done times in the user's zone, not the browser's", async () => {
    // Tokyo is UTC+9 all year; jsdom's clock runs in the machine's zone, whatever that is.
    const instance = {
      ...base, id: 1, date: '2026-11-22', status: 'completed' as const,
      scheduled_at: '2026-11-22T14:30:00Z', grace_deadline: '2026-11-22T15:00:00Z', fix_deadline: '2026-11-22T16:30:00Z',
      completed_at: '2026-11-22T14:40:00Z',
    };
    fakeServer(() => ({ status: 200, data: { count: 1, next: null, previous: null, results: [instance] } }));
    renderAt(<InstanceHistory habitId={7} timeZone="Asia/Tokyo" />);
    const row = (await screen.findAllByRole('row'))[1];
    expect(within(row).getByText(/^11:30\sPM$/)).toBeInTheDocument();
    expect(within(row).getByText(/^11:40\sPM$/)).toBeInTheDocument();
  });

  it('gives the date too when it was done on the next day', () => {
    const late = { date: '2026-11-22', completed_at: '2026-11-22T15:10:00Z' }; // 00:10 on the 23rd in Tokyo
    expect(doneAt(late, 'Asia/Tokyo')).toMatch(/^Nov 23, 2026, 12:10\sAM$/);
    expect(doneAt({ ...late, completed_at: '2026-11-22T14:50:00Z' }, 'Asia/Tokyo')).toMatch(/^11:50\sPM$/);
    expect(doneAt({ ...late, completed_at: null }, 'Asia/Tokyo')).toBe('—');
  });
});
