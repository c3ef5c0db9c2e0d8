import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAuth } from '../../store/auth';
import { useNotifications } from '../../store/notifications';
import { fakeServer, user } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { NotificationsPage } from './NotificationsPage';

const reminder = {
  id: 5, kind: 'reminder', title: 'Time to read', body: 'Read 10 pages in the armchair.', created_at: '2026-11-22T06:30:00Z', read_at: null,
  payload: { instance_id: 91, habit_id: 7, actions: ['done', 'skip'] },
};
const formed = { id: 4, kind: 'habit_formed', title: 'Habit formed!', body: '', created_at: '2026-11-21T06:30:00Z', read_at: '2026-11-21T07:00:00Z', payload: { habit_id: 7 } };

describe('NotificationsPage', () => {
  beforeEach(() => useAuth.setState({ user, tokens: { access: 'a', refresh: 'r' } }));

  it('lists notifications, answers a reminder and updates the unread badge', async () => {
    const calls = fakeServer((c) => {
      if (c.url === 'instances/91/complete/') return { status: 200, data: {} };
      if (c.url === 'notifications/5/read/') return { status: 200, data: { ...reminder, read_at: '2026-11-22T07:00:00Z' } };
      return { status: 200, data: { count: 2, next: null, previous: null, unread_count: 1, results: [reminder, formed] } };
    });
    renderAt(<NotificationsPage />);
    expect(await screen.findByText('1 unread')).toBeInTheDocument();
    expect(useNotifications.getState().unread).toBe(1);
    const item = screen.getByText('Time to read').closest('li')!;
    await userEvent.click(within(item).getByRole('button', { name: 'Done' }));
    expect(calls.map((c) => c.url)).toContain('instances/91/complete/');
    expect(await screen.findByText('All caught up')).toBeInTheDocument();
    expect(useNotifications.getState().unread).toBe(0);
    expect(within(item).queryByRole('button', { name: 'Done' })).not.toBeInTheDocument();
  });

  it('marks two notifications read in quick succession without losing either', async () => {
    const nudge = { ...reminder, id: 6, kind: 'nudge', title: 'Never miss twice', payload: { habit_id: 7 } };
    const calls = fakeServer((c) => {
      const read = /^notifications\/(\d+)\/read\/$/.exec(c.url);
      if (read) return { status: 200, data: { ...[reminder, nudge].find((n) => n.id === Number(read[1])), read_at: '2026-11-22T07:00:00Z' } };
      return { status: 200, data: { count: 2, next: null, previous: null, unread_count: 2, results: [reminder, nudge] } };
    });
    renderAt(<NotificationsPage />);
    expect(await screen.findByText('2 unread')).toBeInTheDocument();
    // Both clicks land before either answer arrives.
    screen.getAllByRole('button', { name: 'Mark as read' }).forEach((b) => fireEvent.click(b));
    expect(await screen.findByText('All caught up')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryAllByRole('button', { name: 'Mark as read' })).toHaveLength(0));
    expect(useNotifications.getState().unread).toBe(0);
    expect(calls.map((c) => c.url)).toEqual(expect.arrayContaining(['notifications/5/read/', 'notifications/6/read/']));
  });

  it('shows an AI breakdown notification with its proposed stages one a line and a link to its goal', async () => {
    const ready = {
      id: 7, kind: 'goal_ai_ready', title: 'Proposed stages for Learn Spanish are ready', body: '1. Pick a course\n2. Practise daily',
      created_at: '2026-11-22T06:30:00Z', read_at: null, payload: { goal_id: 3, job_id: 9, actions: ['open_stages'] },
    };
    fakeServer(() => ({ status: 200, data: { count: 1, next: null, previous: null, unread_count: 1, results: [ready] } }));
    renderAt(<NotificationsPage />);
    const item = (await screen.findByText('Proposed stages for Learn Spanish are ready')).closest('li')!;
    expect(within(item).getByText(/1\. Pick a course\s+2\. Practise daily/)).toHaveStyle({ whiteSpace: 'pre-line' });
    expect(within(item).queryByRole('button', { name: 'Done' })).not.toBeInTheDocument();
    expect(within(item).getByRole('link', { name: 'Open goal' })).toHaveAttribute('href', '/goals/3');
  });

  it('says so when the server has no notifications', async () => {
    fakeServer(() => ({ status: 404, data: { error: { code: 'not_found', message: 'Not found.', fields: {} } } }));
    renderAt(<NotificationsPage />);
    expect(await screen.findByText('Notifications are not available here')).toBeInTheDocument();
  });
});
