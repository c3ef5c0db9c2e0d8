import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer, invalid } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { GoalFormDialog } from './GoalFormDialog';
import { aGoal, page } from './goalTestData';

const run = { id: 7, name: 'Run' };

describe('GoalFormDialog', () => {
  it('asks for a title before sending anything', async () => {
    const calls = fakeServer(() => ({ status: 200, data: page([]) }));
    renderAt(<GoalFormDialog open onClose={() => {}} onSaved={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Create goal' }));
    expect(await screen.findByText('Give the goal a title.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('sends the goal with its linked habits and a blank deadline as none', async () => {
    const saved = vi.fn();
    const calls = fakeServer((c) => (c.method === 'POST' ? { status: 201, data: aGoal({ title: 'Run far' }) } : { status: 200, data: page([run]) }));
    renderAt(<GoalFormDialog open onClose={() => {}} onSaved={saved} />);
    fireEvent.change(screen.getByLabelText(/^Title/), { target: { value: ' Run far ' } });
    await userEvent.click(screen.getByLabelText('Linked habits'));
    await userEvent.click(await screen.findByRole('option', { name: 'Run' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create goal' }));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ title: 'Run far', description: '', deadline: null, habits: [7] });
  });

  it("shows the server's field errors on their fields", async () => {
    fakeServer((c) => (c.method === 'PATCH' ? invalid({ habits: ['Not one of your habits.'], deadline: ['Enter a valid date.'] }) : { status: 200, data: page([run]) }));
    renderAt(<GoalFormDialog open goal={aGoal({ habits: [run] })} onClose={() => {}} onSaved={() => {}} />);
    expect(screen.getByLabelText(/^Title/)).toHaveValue('Run a marathon');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Not one of your habits.')).toBeInTheDocument();
    expect(screen.getByText('Enter a valid date.')).toBeInTheDocument();
  });
});
