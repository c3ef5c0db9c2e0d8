import { fireEvent, screen, waitFor } from '@testing-library/react';
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
  repeat_limit: 21, grace_minutes: 60, fix_minutes: 120, extra_reminders: [], is_public: false, is_active: true,
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

  it('pauses until resumed, and shows the server\'s refusal on its field', async () => {
    const calls = fakeServer((call) =>
      call.body && (call.body as { from: string }).from === '2020-01-01'
        ? { status: 400, data: { error: { code: 'invalid', message: 'Some fields are not valid.', fields: { from: ['A pause cannot start in the past.'] } } } }
        : { status: 200, data: { ...coffee, paused_from: '2026-12-01', paused_until: null } },
    );
    const onChanged = vi.fn();
    renderAt(<HabitActions habit={coffee} onChanged={onChanged} />);
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Coffee' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Pause…' }));
    const from = screen.getByLabelText('From');
    fireEvent.change(from, { target: { value: '2020-01-01' } });
    await userEvent.click(screen.getByLabelText('Until I resume it'));
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(await screen.findByText('A pause cannot start in the past.')).toBeInTheDocument();
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'habits/3/pause/', body: { from: '2020-01-01', until: null } });

    fireEvent.change(from, { target: { value: '2026-12-01' } });
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ paused_from: '2026-12-01' })));
  });

  it('offers Resume for a paused habit and Unarchive for an archived one', async () => {
    const calls = fakeServer(() => ({ status: 200, data: coffee }));
    renderAt(<HabitActions habit={{ ...coffee, paused_from: '2026-11-01', paused_until: null, is_archived: true }} onChanged={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Coffee' }));
    expect(screen.queryByRole('menuitem', { name: 'Pause…' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('menuitem', { name: 'Unarchive' }));
    await userEvent.click(screen.getByRole('button', { name: 'Actions for Coffee' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Resume' }));
    await waitFor(() => expect(calls.map((c) => c.url)).toEqual(['habits/3/unarchive/', 'habits/3/resume/']));
  });
});
