import type { Instance, InstanceStatus } from '../api';
import { STATUS_META } from './habitText';

/**
 * What an instance shows right now: its stored status, corrected by the clock. The server moves
 * statuses on in periodic sweeps, so between two sweeps a `pending` instance can be past its grace
 * deadline (it is late) or past its fix deadline (it has expired), and a `scheduled` one can be due.
 */
export type InstanceState = InstanceStatus | 'late';

type Timed = Pick<Instance, 'status' | 'scheduled_at' | 'grace_deadline' | 'fix_deadline'>;

/** The one place that decides an instance's state; the server's rule is "on time while now ≤ grace". */
export function instanceState(instance: Timed, now: number): InstanceState {
  const { status } = instance;
  if (status !== 'scheduled' && status !== 'pending') return status;
  if (now > Date.parse(instance.fix_deadline)) return 'fix_expired';
  if (now > Date.parse(instance.grace_deadline)) return 'late';
  if (now >= Date.parse(instance.scheduled_at)) return 'pending';
  return 'scheduled';
}

/** States in which Done and Skip still apply. */
export function isOpen(state: InstanceState): boolean {
  return state === 'scheduled' || state === 'pending' || state === 'late';
}

export const STATE_META: Record<InstanceState, (typeof STATUS_META)[InstanceStatus]> = {
  ...STATUS_META,
  late: { label: 'Late', color: '#d99a2b', chip: 'warning' },
};
