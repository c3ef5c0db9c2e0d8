import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Habit, Instance } from '../../api';
import { useAuth } from '../../store/auth';
import { useToast } from '../../store/toast';
import { fakeServer, user } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { addDays } from '../../utils/days';
import { todayIn } from '../../utils/time';
import { HabitWeekList } from './HabitWeekList';

const today = todayIn('Europe/Berlin');
const yesterday = addDays(today, -1);
const read = {
  id: 7, name: 'Read', action: 'read', place: 'armchair', time_of_day: '07:30:00', start_date: addDays(today, -30),
  schedule: 'weekdays', periodicity_days: 1, weekdays: [0, 2, 4], times_per_week: null,
} as unknown as Habit;
const done = { id: 5, date: addDays(today, -2), status: 'completed', recorded_late: false,
  note: "", habit: { id: 7 } } as unknown as Instance;
const walk = { ...read, id: 8, name: 'Walk' } as unknown as Habit;
const walked = { ...done, id: 9, date: today, habit: { id: 8 } } as unknown as Instance;

describe('HabitWeekList', () => {
  beforeEach(() => {
    useAuth.setState({ user, tokens: { access: 'a', refresh: 'r' }, sessionEnded: false });
    useToast.getState().hide();
  });

  it("shows each habit's last days and records a past day from the menu, with Undo", async () => {
    const calls = fakeServer((call) => {
      if (call.method === 'GET') return { status: 200, data: [done, walked] };
      if (call.method === 'PUT') return { status: 200, data: { ...done, id: 6, date: yesterday, status: 'skipped', recorded_late: true } };
      return { status: 204 };
    });
    renderAt(<HabitWeekList habits={[read, walk]} />);
    expect(await screen.findByRole('button', { name: new RegExp(`^Read, .*: Done$`) })).toBeInTheDocument();
    expect(screen.getAllByText('Every Mon, Wed and Fri')).toHaveLength(2);
    // One request for the whole list, whatever the number of habits.
    expect(calls.filter((c) => c.method === 'GET')).toEqual([
      expect.objectContaining({ url: 'instances/', params: { date_from: addDays(today, -6), date_to: today, habit: [7, 8] } }),
    ]);
    // Each instance in its own habit's row.
    expect(screen.getAllByRole('button', { name: /^Read, .*: Done$/ })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: /^Walk, .*: Done$/ })).toHaveLength(1);

    const cells = screen.getAllByRole('button', { name: /^Read, .*: nothing recorded$/ });
    await userEvent.click(cells.at(-2)!); // yesterday
    const menu = screen.getByRole('menu');
    expect(within(menu).getByText(/does not break the streak/)).toBeInTheDocument();
    await userEvent.click(within(menu).getByRole('menuitem', { name: /Skip \(excused\)/ }));
    await waitFor(() => expect(useToast.getState().message).toMatch(/excused/));
    // The day's own requests (a mark also refreshes the coin balance in the app bar).
    const dayCalls = () => calls.filter((c) => c.url.startsWith('habits/'));
    expect(dayCalls().at(-1)).toMatchObject({ method: 'PUT', url: `habits/7/days/${yesterday}/`, body: { status: 'skipped' } });
    expect(await screen.findByRole('button', { name: /^Read, .*: Excused$/ })).toBeInTheDocument();

    useToast.getState().action!.run();
    await waitFor(() => expect(dayCalls().at(-1)).toMatchObject({ method: 'DELETE', url: `habits/7/days/${yesterday}/` }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Read, .*: Excused$/ })).not.toBeInTheDocument());
  });
});
