import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Achievement } from '../../api';
import { AchievementToast } from '../../components/AchievementToast';
import { useAchievements } from '../../store/achievements';
import { fakeServer } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { AchievementsPage } from './AchievementsPage';

const firstStep: Achievement = {
  code: 'first_completion', name: 'First step', description: 'Complete a habit for the first time.', icon: 'DirectionsWalk', tier: 'bronze',
  earned: true, earned_at: '2026-12-01T08:00:00Z', seen: false, progress: null, percent_of_users: 42.5,
};
const tenReps: Achievement = {
  code: 'completions_10', name: 'Ten reps', description: 'Complete habits 10 times.', icon: 'Repeat', tier: 'bronze',
  earned: false, earned_at: null, seen: false, progress: { current: 3, target: 10 }, percent_of_users: null,
};

function serve(results: Achievement[]) {
  return fakeServer((c) =>
    c.url === 'achievements/seen/' ? { status: 200, data: { marked: 1 } } : { status: 200, data: { count: results.length, next: null, previous: null, results } },
  );
}

describe('AchievementsPage', () => {
  it('shows earned and locked ones with progress, tier and the share of users ("—" when unknown)', async () => {
    serve([firstStep, tenReps]);
    renderAt(<AchievementsPage />, '/achievements');
    expect(await screen.findByText('1 of 2 earned')).toBeInTheDocument();
    const earned = within(screen.getByRole('list', { name: 'Earned' })).getByRole('listitem', { name: 'First step' });
    expect(earned).toHaveTextContent('Bronze');
    expect(earned).toHaveTextContent('42.5% of users');
    const locked = within(screen.getByRole('list', { name: 'Locked' })).getByRole('listitem', { name: 'Ten reps' });
    expect(locked).toHaveTextContent('3 of 10');
    expect(locked).toHaveTextContent('— of users');
    expect(within(locked).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '30');
  });
});

describe('AchievementToast', () => {
  it('toasts an earned, unseen achievement once and reports it seen', async () => {
    useAchievements.setState({ fresh: [], list: null });
    const calls = serve([firstStep, tenReps]);
    renderAt(<AchievementToast />, '/');
    expect(await screen.findByText('Achievement earned: First step')).toBeInTheDocument();
    await vi.waitFor(() => expect(calls.find((c) => c.method === 'POST')).toMatchObject({ url: 'achievements/seen/', body: { codes: ['first_completion'] } }));
  });
});
