import CheckRounded from '@mui/icons-material/CheckRounded';
import CloseRounded from '@mui/icons-material/CloseRounded';
import DoNotDisturbOnOutlined from '@mui/icons-material/DoNotDisturbOnOutlined';
import UndoRounded from '@mui/icons-material/UndoRounded';
import { ListItemIcon, ListItemText, ListSubheader, Menu, MenuItem } from '@mui/material';
import type { ReactNode } from 'react';
import type { Instance } from '../api';
import { MARK_TEXT, type Choice } from '../utils/marking';
import { formatDate } from '../utils/time';

const ICONS: Record<Choice, ReactNode> = {
  completed: <CheckRounded fontSize="small" color="success" />,
  missed: <CloseRounded fontSize="small" color="warning" />,
  skipped: <DoNotDisturbOnOutlined fontSize="small" />,
  clear: <UndoRounded fontSize="small" />,
};

const FINAL: readonly string[] = ['completed', 'completed_late', 'missed', 'skipped', 'fix_expired'];

interface Props {
  anchor: Element | null;
  date: string;
  instance: Instance | undefined;
  onPick: (choice: Choice) => void;
  onClose: () => void;
}

/** Done / Not done / Skip (excused) / Clear for one day of a habit. */
export function DayMarkMenu({ anchor, date, instance, onPick, onClose }: Props) {
  const recorded = instance !== undefined && FINAL.includes(instance.status);
  const current = instance?.status === 'completed_late' ? 'completed' : instance?.status;
  const choices: Choice[] = recorded ? ['completed', 'missed', 'skipped', 'clear'] : ['completed', 'missed', 'skipped'];
  return (
    <Menu anchorEl={anchor} open={anchor !== null} onClose={onClose} slotProps={{ list: { dense: true, 'aria-label': `Mark ${formatDate(date)}` } }}>
      <ListSubheader sx={{ lineHeight: 2.5 }}>{formatDate(date, { weekday: 'long', day: 'numeric', month: 'long' })}</ListSubheader>
      {choices.map((choice) => (
        <MenuItem
          key={choice}
          selected={choice === current}
          onClick={() => {
            onClose();
            onPick(choice);
          }}
          sx={{ maxWidth: 320, whiteSpace: 'normal' }}
        >
          <ListItemIcon>{ICONS[choice]}</ListItemIcon>
          <ListItemText primary={MARK_TEXT[choice].label} secondary={choice === 'skipped' ? MARK_TEXT.skipped.help : undefined} />
        </MenuItem>
      ))}
    </Menu>
  );
}
