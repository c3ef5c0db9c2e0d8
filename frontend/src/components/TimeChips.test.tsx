import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { TimeChips } from './TimeChips';

function Harness({ start, max }: { start: string[]; max: number }) {
  const [times, setTimes] = useState(start);
  return <TimeChips label="Check-in time" times={times} onChange={setTimes} max={max} />;
}

const chips = () => screen.queryAllByRole('listitem').map((chip) => chip.textContent);

describe('TimeChips', () => {
  it('adds times sorted, refuses duplicates, removes a chip and stops at the limit', async () => {
    render(<Harness start={['12:00']} max={2} />);
    const input = screen.getByLabelText('Check-in time');
    const add = screen.getByRole('button', { name: 'Add check-in time' });
    fireEvent.change(input, { target: { value: '12:00' } });
    expect(add).toBeDisabled();
    fireEvent.change(input, { target: { value: '05:00' } });
    await userEvent.click(add);
    expect(chips()).toEqual(['05:00', '12:00']);
    expect(screen.getByLabelText('Check-in time')).toBeDisabled();
    const remove = screen.getAllByTestId('CancelIcon')[0];
    await userEvent.click(remove);
    expect(chips()).toEqual(['12:00']);
  });
});
