import { Chip } from '@mui/material';
import type { InstanceStatus } from '../api';
import { STATUS_META } from '../utils/habitText';

export function StatusChip({ status, size = 'small' }: { status: InstanceStatus; size?: 'small' | 'medium' }) {
  const meta = STATUS_META[status];
  return <Chip size={size} label={meta.label} color={meta.chip} variant={status === 'scheduled' ? 'outlined' : 'filled'} />;
}
