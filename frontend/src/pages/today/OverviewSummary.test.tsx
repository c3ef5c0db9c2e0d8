import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderAt } from '../../test/render';
import { OverviewSummary } from './OverviewSummary';

const stats = {
  today: { done: 1, total: 3 },
  completion_rate_7d: 0.5,
  completion_rate_30d: 0,
  best_streaks: [{ habit_id: 7, name: 'Read', current_streak: 4 }],
  strongest: [],
  weakest: [],
};

describe('OverviewSummary', () => {
  it('names the streak card for what it lists: current streaks, not records', () => {
    renderAt(<OverviewSummary stats={stats} />);
    expect(screen.getByRole('heading', { name: 'Current streaks' })).toBeInTheDocument();
    expect(screen.queryByText(/Best streaks/i)).not.toBeInTheDocument();
    expect(screen.getByLabelText('streak: 4')).toBeInTheDocument();
  });
});
