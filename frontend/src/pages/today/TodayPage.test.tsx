import { act, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAuth } from '../../store/auth';
import { fakeServer, user } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { formatDate, todayIn } from '../../utils/time';
import { TodayPage } from './TodayPage';

const empty = { count: 0, next: null, previous: null, results: [] };

describe('TodayPage', () => {
  beforeEach(() => useAuth.setState({ user, tokens: { access: 'a', refresh: 'r' }, sessionEnded: false }));

  it("loads again in the user's new zone: which day is today depends on it", async () => {
    const calls = fakeServer(() => ({ status: 200, data: empty }));
    renderAt(<TodayPage />);
    await waitFor(() => expect(calls.filter((c) => c.url === 'instances/today/')).toHaveLength(1));

    act(() => useAuth.getState().setUser({ ...user, timezone: 'Pacific/Kiritimati' }));
    await waitFor(() => expect(calls.filter((c) => c.url === 'instances/today/')).toHaveLength(2));
    const today = formatDate(todayIn('Pacific/Kiritimati'), { weekday: 'long', day: 'numeric', month: 'long' });
    expect(await screen.findByText(today)).toBeInTheDocument();
  });
});
