import AddTask from '@mui/icons-material/AddTask';
import Alarm from '@mui/icons-material/Alarm';
import AutoAwesome from '@mui/icons-material/AutoAwesome';
import Bedtime from '@mui/icons-material/Bedtime';
import Bolt from '@mui/icons-material/Bolt';
import CalendarMonth from '@mui/icons-material/CalendarMonth';
import Celebration from '@mui/icons-material/Celebration';
import DirectionsWalk from '@mui/icons-material/DirectionsWalk';
import DoneAll from '@mui/icons-material/DoneAll';
import EmojiEvents from '@mui/icons-material/EmojiEvents';
import Event from '@mui/icons-material/Event';
import Favorite from '@mui/icons-material/Favorite';
import FitnessCenter from '@mui/icons-material/FitnessCenter';
import Flag from '@mui/icons-material/Flag';
import Layers from '@mui/icons-material/Layers';
import LocalFireDepartment from '@mui/icons-material/LocalFireDepartment';
import MilitaryTech from '@mui/icons-material/MilitaryTech';
import Psychology from '@mui/icons-material/Psychology';
import Public from '@mui/icons-material/Public';
import Repeat from '@mui/icons-material/Repeat';
import Replay from '@mui/icons-material/Replay';
import SportsScore from '@mui/icons-material/SportsScore';
import Verified from '@mui/icons-material/Verified';
import WbTwilight from '@mui/icons-material/WbTwilight';
import Weekend from '@mui/icons-material/Weekend';
import Whatshot from '@mui/icons-material/Whatshot';
import type { SvgIconProps } from '@mui/material';
import type { ComponentType } from 'react';

// The server names an MUI icon per achievement (achievements/catalogue.py); one it names that is
// not here yet falls back to the trophy.
const ICONS: Record<string, ComponentType<SvgIconProps>> = {
  AddTask, Alarm, AutoAwesome, Bedtime, Bolt, CalendarMonth, Celebration, DirectionsWalk, DoneAll, EmojiEvents, Event, Favorite, FitnessCenter,
  Flag, Layers, LocalFireDepartment, MilitaryTech, Psychology, Public, Repeat, Replay, SportsScore, Verified, WbTwilight, Weekend, Whatshot,
};

export function AchievementIcon({ name, ...props }: { name: string } & SvgIconProps) {
  const Icon = ICONS[name] ?? EmojiEvents;
  return <Icon {...props} />;
}
