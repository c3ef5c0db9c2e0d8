import CheckRounded from '@mui/icons-material/CheckRounded';
import CloseRounded from '@mui/icons-material/CloseRounded';
import DoNotDisturbOnOutlined from '@mui/icons-material/DoNotDisturbOnOutlined';
import RadioButtonUncheckedRounded from '@mui/icons-material/RadioButtonUncheckedRounded';
import { Box } from '@mui/material';
import { STATE_META, type InstanceState } from '../utils/instanceState';

/** A day's mark as an icon in its status colour; a day with no instance is a quiet dot. */
export function DayMark({ state }: { state: InstanceState | null }) {
  if (state === null) {
    return <Box component="span" sx={{ width: 6, height: 6, borderRadius: '50%', bgcolor: 'text.disabled', display: 'inline-block' }} />;
  }
  const color = STATE_META[state].color;
  switch (state) {
    case 'completed':
    case 'completed_late':
      return <CheckRounded sx={{ color }} />;
    case 'missed':
    case 'fix_expired':
      return <CloseRounded sx={{ color }} />;
    case 'skipped':
      return <DoNotDisturbOnOutlined sx={{ color }} />;
    default:
      return <RadioButtonUncheckedRounded sx={{ color }} />;
  }
}
