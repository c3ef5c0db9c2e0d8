import type { InstanceStatus, Periodicity, RepeatLimit } from '../api';

export const PERIODICITIES: { value: Periodicity; label: string }[] = [
  { value: 1, label: 'Every day' },
  { value: 2, label: 'Every 2 days' },
  { value: 3, label: 'Every 3 days' },
  { value: 5, label: 'Every 5 days' },
  { value: 7, label: 'Once a week' },
];

export const REPEAT_LIMITS: { value: RepeatLimit; label: string }[] = [
  { value: 21, label: '21 times — a quick start' },
  { value: 30, label: '30 times — a solid month' },
  { value: 45, label: '45 times — for harder habits' },
];

export function periodicityLabel(days: number): string {
  return PERIODICITIES.find((p) => p.value === days)?.label ?? `Every ${days} days`;
}

export const STATUS_META: Record<InstanceStatus, { label: string; color: string; chip: 'default' | 'info' | 'warning' | 'success' | 'error' }> = {
  scheduled: { label: 'Scheduled', color: '#90a4ae', chip: 'default' },
  pending: { label: 'Due now', color: '#4f8fd6', chip: 'info' },
  completed: { label: 'Done', color: '#2e9e6b', chip: 'success' },
  completed_late: { label: 'Done late', color: '#9bcf6a', chip: 'success' },
  missed: { label: 'Not done', color: '#e58b4b', chip: 'warning' },
  // Excused: its own colour, apart from done and from missed, since it is neither.
  skipped: { label: 'Excused', color: '#8e7cc3', chip: 'default' },
  fix_expired: { label: 'Expired', color: '#d9534f', chip: 'error' },
};

