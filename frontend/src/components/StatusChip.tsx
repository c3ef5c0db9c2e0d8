import { Chip } from '@mui/material';
import { STATE_META, type InstanceState } from '../utils/instanceState';

export function StatusChip({ status, size = 'small' }: { status: InstanceState; size?: 'small' | 'medium' }) {
  const meta = STATE_META[status];
  // An excused skip has no palette colour of its own: it takes its status colour directly.
  const excused = status === 'skipped' ? { bgcolor: meta.color, color: '#fff' } : undefined;
  return <Chip size={size} label={meta.label} color={meta.chip} variant={status === 'scheduled' ? 'outlined' : 'filled'} sx={excused} />;
}
