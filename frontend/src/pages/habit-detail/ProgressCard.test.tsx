import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderAt } from '../../test/render';
import { ProgressCard } from './ProgressCard';

describe('ProgressCard', () => {
  it('counts towards the goal until the habit is formed', () => {
    renderAt(<ProgressCard progress={{ completions: 12, repeat_limit: 21, percent: 57.1, formed: false }} />);
    expect(screen.getByTestId('progress-goal')).toHaveTextContent('12 / 21');
    expect(screen.getByTestId('progress-total')).toHaveTextContent('12 completions in total');
    expect(screen.queryByText(/Formed/)).not.toBeInTheDocument();
  });

  it('shows the goal reached and the total apart once formed, never "95 / 21"', () => {
    renderAt(<ProgressCard progress={{ completions: 95, repeat_limit: 21, percent: 452.4, formed: true }} />);
    expect(screen.getByTestId('progress-goal')).toHaveTextContent('Formed ✓ 21 / 21');
    expect(screen.getByTestId('progress-total')).toHaveTextContent('95 completions in total');
    expect(screen.queryByText(/95 \/ 21/)).not.toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  });
});
