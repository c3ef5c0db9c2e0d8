import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Instance } from '../../api';
import { renderAt } from '../../test/render';
import { InstanceCard } from './InstanceCard';

const now = Date.parse('2026-11-22T07:00:00Z');
const instance: Instance = {
  id: 91,
  date: '2026-11-22',
  status: 'pending',
  scheduled_at: '2026-11-22T06:30:00Z',
  grace_deadline: '2026-11-22T07:30:00Z',
  fix_deadline: '2026-11-22T09:30:00Z',
  completed_at: null,
  recorded_late: false,
  note: "",
  habit: { id: 7, name: 'Read', action: 'read 10 pages', place: 'armchair', time_of_day: '07:30:00', is_pleasant: false, reward_text: '', related_pleasant_habit_name: 'Coffee', current_streak: 4 },
};

function renderCard(i: Instance, at = now) {
  const onMark = vi.fn();
  renderAt(<InstanceCard instance={i} timeZone="Europe/Berlin" now={at} busy={false} onMark={onMark} />);
  return { onMark };
}

describe('InstanceCard', () => {
  it('shows the local time, status, streak and time left', () => {
    renderCard(instance);
    expect(screen.getByText(/^7:30\sAM$/)).toBeInTheDocument();
    expect(screen.getByText('Due now')).toBeInTheDocument();
    expect(screen.getByLabelText('streak: 4')).toBeInTheDocument();
    expect(screen.getByText(/30 min left on time · 2 h 30 min left to fix it late \(until 10:30\sAM/)).toBeInTheDocument();
    expect(screen.getByText(/then enjoy: Coffee/)).toBeInTheDocument();
  });

  it('gives the windows as times while the instance is still ahead', () => {
    renderCard({ ...instance, status: 'scheduled' }, Date.parse('2026-11-22T05:00:00Z'));
    expect(screen.getByText('Scheduled')).toBeInTheDocument();
    expect(screen.getByText(/^On time until 8:30\sAM · late until 10:30\sAM$/)).toBeInTheDocument();
  });

  it('marks done, not done, or an excused skip, and says what a skip means', async () => {
    const { onMark } = renderCard(instance);
    await userEvent.click(screen.getByRole('button', { name: 'Done: Read' }));
    await userEvent.click(screen.getByRole('button', { name: 'Not done: Read' }));
    await userEvent.hover(screen.getByRole('button', { name: 'Skip (excused): Read' }));
    expect(await screen.findByText(/does not break the streak/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Skip (excused): Read' }));
    expect(onMark.mock.calls).toEqual([['completed'], ['missed'], ['skipped']]);
  });

  it('shows one state once late: a Late chip instead of Due now, and the fix window left', () => {
    renderCard(instance, Date.parse('2026-11-22T08:00:00Z'));
    expect(screen.getByText('Late')).toBeInTheDocument();
    expect(screen.queryByText('Due now')).not.toBeInTheDocument();
    expect(screen.getByText(/^1 h 30 min left to fix it \(until 10:30\sAM\)$/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Done: Read' })).toBeEnabled();
  });

  it('shows Expired with no buttons once the fix window has closed, before the server sweeps', () => {
    renderCard(instance, Date.parse('2026-11-22T09:31:00Z'));
    expect(screen.getByText('Expired')).toBeInTheDocument();
    expect(screen.getByText('The fix window has closed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Done: Read' })).not.toBeInTheDocument();
  });

  it('has no buttons once final', () => {
    renderCard({ ...instance, status: 'completed', completed_at: '2026-11-22T06:40:00Z' });
    expect(screen.getByText(/^Done at 7:40\sAM/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Done:/ })).not.toBeInTheDocument();
  });
});

describe('InstanceCard after a mark', () => {
  it('offers Undo while the fix window is open, and not after', async () => {
    const marked = { ...instance, status: 'missed' as const };
    const { onMark } = renderCard(marked);
    await userEvent.click(screen.getByRole('button', { name: 'Undo: Read' }));
    expect(onMark).toHaveBeenCalledWith('clear');
  });

  it('offers no Undo for a day recorded afterwards (that is changed on the habit’s page)', () => {
    renderCard({ ...instance, status: 'completed', recorded_late: true });
    expect(screen.queryByRole('button', { name: 'Undo: Read' })).not.toBeInTheDocument();
  });
});
