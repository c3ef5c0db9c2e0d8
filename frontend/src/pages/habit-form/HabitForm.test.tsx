import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { FieldErrors } from '../../api';
import { renderAt } from '../../test/render';
import { HabitForm } from './HabitForm';
import { emptyValues, type HabitFormValues } from './habitFormModel';

function Harness({ errors = {}, onSubmit = () => {} }: { errors?: FieldErrors; onSubmit?: (v: HabitFormValues) => void }) {
  const [values, setValues] = useState(emptyValues('2026-11-22'));
  return (
    <HabitForm
      values={values}
      errors={errors}
      general={null}
      busy={false}
      editing={false}
      pleasantHabits={[]}
      onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
      onSubmit={() => onSubmit(values)}
      onCancel={() => {}}
    />
  );
}

describe('HabitForm', () => {
  it('explains the rules and builds the implementation intention as you type', async () => {
    renderAt(<Harness />);
    expect(screen.getByText(/Make it attractive\./)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Action/), { target: { value: 'read 10 pages' } });
    fireEvent.change(screen.getByLabelText(/^Place/), { target: { value: 'armchair' } });
    expect(screen.getByText(/^At 8:00\sAM in armchair, I will read 10 pages\.$/)).toBeInTheDocument();
  });

  it('offers a reward or a pleasant habit only for useful habits', async () => {
    renderAt(<Harness />);
    expect(screen.getByText(/Create a pleasant habit/)).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('A reward'));
    expect(screen.getByLabelText(/^Reward/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Pleasant — a treat/ }));
    expect(screen.queryByLabelText(/^Reward/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Make it satisfying with/)).not.toBeInTheDocument();
  });

  it('shows errors on the fields they name', () => {
    renderAt(<Harness errors={{ grace_minutes: 'Ensure this value is greater than or equal to 0.' }} />);
    expect(screen.getByLabelText(/^Grace window/)).toHaveAccessibleDescription('Ensure this value is greater than or equal to 0.');
  });

  it('submits with the keyboard', () => {
    const onSubmit = vi.fn();
    renderAt(<Harness onSubmit={onSubmit} />);
    fireEvent.submit(screen.getByRole('form', { name: 'New habit' }));
    expect(onSubmit).toHaveBeenCalledOnce();
  });
});
