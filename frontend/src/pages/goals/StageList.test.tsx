import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { GoalStage } from '../../api';
import { fakeServer, invalid } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { aStage } from './goalTestData';
import { StageList } from './StageList';

function Harness({ initial, onProgress = () => {} }: { initial: GoalStage[]; onProgress?: () => void }) {
  const [stages, setStages] = useState(initial);
  return <StageList goalId={4} stages={stages} setStages={setStages} onProgress={onProgress} />;
}

const titles = () => screen.getAllByRole('listitem').map((li) => li.textContent);

describe('StageList', () => {
  it("moves a stage down and sends the whole new order", async () => {
    const calls = fakeServer(() => ({ status: 200, data: [aStage(2, 'Two'), aStage(1, 'One'), aStage(3, 'Three')] }));
    renderAt(<Harness initial={[aStage(1, 'One'), aStage(2, 'Two'), aStage(3, 'Three')]} />);
    expect(screen.getByRole('button', { name: 'Move up: One' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move down: Three' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Move down: One' }));
    await waitFor(() => expect(titles()).toEqual(['Two', 'One', 'Three']));
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'goals/4/stages/reorder/', body: { ids: [2, 1, 3] } });
  });

  it('ticks a stage and tells the page the progress moved', async () => {
    const onProgress = vi.fn();
    fakeServer(() => ({ status: 200, data: { stage: aStage(1, 'One', { is_completed: true }), progress: 100, goal_completed_at: '2026-11-02T00:00:00Z' } }));
    renderAt(<Harness initial={[aStage(1, 'One')]} onProgress={onProgress} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Done: One' }));
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Done: One' })).toBeChecked());
    expect(onProgress).toHaveBeenCalledOnce();
  });

  it("shows the server's refusal of a new stage on its field", async () => {
    fakeServer(() => invalid({ title: ['Ensure this field has no more than 200 characters.'] }));
    renderAt(<Harness initial={[]} />);
    await userEvent.type(screen.getByLabelText('New stage'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('Ensure this field has no more than 200 characters.')).toBeInTheDocument();
  });
});
