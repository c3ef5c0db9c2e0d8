import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useToast } from '../../store/toast';
import type { FieldErrors } from '../../api';
import { renderAt } from '../../test/render';
import { HabitForm } from './HabitForm';
import { emptyValues, type HabitFormValues } from './habitFormModel';

function Harness({ errors = {}, failures = 0, onSubmit = () => {} }: { errors?: FieldErrors; failures?: number; onSubmit?: (v: HabitFormValues) => void }) {
  const [values, setValues] = useState(emptyValues('2026-11-22'));
  return (
    <HabitForm
      values={values}
      errors={errors}
      general={null}
      busy={false}
      failures={failures}
      editing={false}
      pleasantHabits={[]}
      onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
      onSubmit={() => onSubmit(values)}
      onCancel={() => {}}
    />
  );
}

/** A form whose every submit fails with `errors`, as the edit page's would. */
function FailingForm({ errors }: { errors: FieldErrors }) {
  const [failures, setFailures] = useState(0);
  return <Harness errors={errors} failures={failures} onSubmit={() => setFailures((n) => n + 1)} />;
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

  it('picks weekdays with Mon–Sun chips and says the schedule in words', async () => {
    const onSubmit = vi.fn();
    renderAt(<Harness onSubmit={onSubmit} />);
    await userEvent.click(screen.getByLabelText('On chosen weekdays'));
    expect(screen.getByText('Every Mon, Wed and Fri')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Wednesday' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sunday' }));
    expect(screen.getByRole('button', { name: 'Sunday' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText('Every Mon, Fri and Sun')).toBeInTheDocument();
    fireEvent.submit(screen.getByRole('form', { name: 'New habit' }));
    expect(onSubmit.mock.calls[0][0]).toMatchObject({ schedule: 'weekdays', weekdays: [0, 4, 6] });
  });

  it("puts the server's schedule errors on the schedule's controls", async () => {
    renderAt(<FailingForm errors={{ times_per_week: 'Ensure this value is less than or equal to 6.' }} />);
    await userEvent.click(screen.getByLabelText('N times a week'));
    expect(screen.getByText('Ensure this value is less than or equal to 6.')).toBeInTheDocument();
    fireEvent.submit(screen.getByRole('form', { name: 'New habit' }));
    expect(screen.getByRole('combobox', { name: /Times a week/ })).toHaveFocus();
  });

  it('submits with the keyboard', () => {
    const onSubmit = vi.fn();
    renderAt(<Harness onSubmit={onSubmit} />);
    fireEvent.submit(screen.getByRole('form', { name: 'New habit' }));
    expect(onSubmit).toHaveBeenCalledOnce();
  });

  it('limits the text fields to the lengths the API accepts', () => {
    renderAt(<Harness />);
    expect(screen.getByLabelText(/^Name/)).toHaveAttribute('maxlength', '150');
    expect(screen.getByLabelText(/^Action/)).toHaveAttribute('maxlength', '255');
    expect(screen.getByLabelText(/^Notes/)).toHaveAttribute('maxlength', '2000');
  });

  describe('after a failed submit', () => {
    const scrolled = vi.fn();
    beforeEach(() => {
      Element.prototype.scrollIntoView = scrolled;
      useToast.setState({ message: null });
    });

    it('brings the topmost field with an error into view, focuses it and says so', () => {
      renderAt(<FailingForm errors={{ grace_minutes: 'Too long.', place: 'Say where.' }} />);
      expect(screen.getByLabelText(/^Place/)).not.toHaveFocus();
      fireEvent.submit(screen.getByRole('form', { name: 'New habit' }));
      const place = screen.getByLabelText(/^Place/);
      expect(place).toHaveFocus();
      expect(scrolled.mock.contexts.at(-1)).toBe(place);
      expect(useToast.getState()).toMatchObject({ severity: 'error', message: expect.stringMatching(/highlighted field/) });
    });

    it('focuses a select by its combobox', () => {
      renderAt(<Harness errors={{ related_pleasant_habit: 'The related habit must be active.' }} failures={1} />);
      expect(screen.getByRole('combobox', { name: /Pleasant habit that follows/ })).toHaveFocus();
    });
  });
});
