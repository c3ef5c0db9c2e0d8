import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { AiBreakdownSection } from './AiBreakdownSection';
import { aStage } from './goalTestData';

const job = (status: string, drafts = [] as ReturnType<typeof aStage>[]) => ({
  id: 9, goal: 4, status, error_code: '', message: status === 'succeeded' ? 'The proposed stages are ready.' : 'Stages are being generated.',
  drafts, created_at: '2026-11-01T00:00:00Z', started_at: null, finished_at: null,
});

describe('AiBreakdownSection', () => {
  it('is hidden when the server has no AI key', async () => {
    const calls = fakeServer(() => ({ status: 200, data: { enabled: false, daily_limit: 10, used_today: 0 } }));
    const { container } = renderAt(<AiBreakdownSection goalId={4} onAccepted={() => {}} />);
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(container).toBeEmptyDOMElement();
  });

  it('shows the progress, then the drafts, and keeps the ones left ticked', async () => {
    const onAccepted = vi.fn();
    const drafts = [aStage(21, 'Buy shoes', { is_draft: true }), aStage(22, 'Run 5 km', { is_draft: true })];
    const calls = fakeServer((c) => {
      if (c.url === 'goals/ai/') return { status: 200, data: { enabled: true, daily_limit: 10, used_today: 0 } };
      if (c.url === 'goals/4/ai-breakdown/') return { status: 202, data: job('queued') };
      if (c.url === 'goals/4/ai-breakdown/9/') return { status: 200, data: job('succeeded', drafts) };
      return { status: 200, data: { goal: {}, stages: [] } };
    });
    renderAt(<AiBreakdownSection goalId={4} onAccepted={onAccepted} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Suggest stages with AI' }));
    expect(screen.getByRole('status')).toHaveTextContent('Stages are being generated.');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Buy shoes' }, { timeout: 4000 }));
    await userEvent.click(screen.getByRole('button', { name: 'Keep selected' }));
    await waitFor(() => expect(onAccepted).toHaveBeenCalled());
    expect(calls.at(-1)).toMatchObject({ url: 'goals/4/stages/accept/', body: { ids: [22] } });
  });
});

describe('AiBreakdownSection when a job already runs', () => {
  it('follows the running job instead of showing the refusal', async () => {
    fakeServer((c) => {
      if (c.url === 'goals/ai/') return { status: 200, data: { enabled: true, daily_limit: 10, used_today: 1 } };
      if (c.url === 'goals/4/ai-breakdown/') {
        return { status: 409, data: { error: { code: 'ai_breakdown_in_progress', message: 'A breakdown is already running.', fields: {}, details: { job_id: 9 } } } };
      }
      return { status: 200, data: job('running') };
    });
    renderAt(<AiBreakdownSection goalId={4} onAccepted={() => {}} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Suggest stages with AI' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Stages are being generated.');
  });
});
