import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Habit } from '../api';
import { fakeServer } from '../test/fakeServer';
import { renderAt } from '../test/render';
import { HabitActions } from './HabitActions';

const coffee: Habit = {
  id: 3, name: 'Coffee', description: '', action: 'drink coffee', place: 'kitchen', time_of_day: '07:30:00',
  is_pleasant: true, reward_text: '', related_pleasant_habit: null, related_pleasant_habit_name: null,
  schedule: 'every_n_days', periodicity_days: 1, weekdays: [], times_per_week: null,
  repeat_limit: 21, grace_minutes: 60, fix_minutes: 120, is_public: false, is_active: true,
  start_date: '2026-11-22', paused_from: null, paused_until: null, is_archived: false, next_due_date: null,
  created_at: '', updated_at: '',
};

describe('HabitActions', () => {
  it('names the habits that keep a pleasant habit from being deleted', async () => {
    const calls = fakeServer(() => ({
      status: 409,
      data: { error: { code: 'habit_has_dependents', message: 'Useful habits depend on it.', fields: {}, details: { dependent_habits: [{ id: 7, name: 'Read' }] } } },
    }));
    const onChanged = vi.fn();
    renderAt(<HabitActions habit={coffee} onChanged={onChanged} />);
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Coffee' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('link', { name: 'Read' })).toHaveAttribute('href', '/habits/7/edit');
    expect(calls).toMatchObject([{ method: 'DELETE', url: 'habits/3/' }]);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('deletes after confirmation', async () => {
    const calls = fakeServer(() => ({ status: 204 }));
    const onChanged = vi.fn();
    renderAt(<HabitActions habit={coffee} onChanged={onChanged} />);
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Coffee' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(calls[0]).toMatchObject({ method: 'DELETE', url: 'habits/3/' });
    expect(onChanged).toHaveBeenCalledWith(null);
  });
});
