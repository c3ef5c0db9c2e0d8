import EventAvailableOutlined from '@mui/icons-material/EventAvailableOutlined';
import { Card, CardContent, Link, List, ListItem, ListItemText, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import type { Habit } from '../../api';
import { EmptyState } from '../../components/PageState';
import { formatTimeOfDay } from '../../utils/time';
import { comingNext, dayInWords } from './comingNext';

/** What comes next when nothing is left today: the habits' next due days, never "nothing due". */
export function ComingNext({ habits, today, empty }: { habits: Habit[]; today: string; empty: boolean }) {
  const next = comingNext(habits, today);
  if (next.length === 0) {
    if (!empty) return null;
    return (
      <EmptyState icon={<EventAvailableOutlined />} title="Nothing is scheduled ahead">
        Your habits are paused or start later. Resume one on its page to plan the next repetition.
      </EmptyState>
    );
  }
  const [first] = next;
  return (
    <Card component="section" aria-label="Coming next" sx={{ mt: empty ? 0 : 2 }}>
      <CardContent>
        {empty && (
          <Typography variant="subtitle1" component="p">
            Nothing left for today. Next up: {first.name}, {dayInWords(first.next_due_date, today)} at {formatTimeOfDay(first.time_of_day)}.
          </Typography>
        )}
        <Typography variant="overline" component="h3" color="text.secondary" sx={{ display: 'block', mt: empty ? 1 : 0 }}>
          Coming next
        </Typography>
        <List dense disablePadding>
          {next.map((h) => (
            <ListItem key={h.id} disableGutters>
              <ListItemText
                primary={<Link component={RouterLink} to={`/habits/${h.id}`} color="text.primary" underline="hover">{h.name}</Link>}
                secondary={`${dayInWords(h.next_due_date, today)} at ${formatTimeOfDay(h.time_of_day)}`.replace(/^./, (c) => c.toUpperCase())}
              />
            </ListItem>
          ))}
        </List>
      </CardContent>
    </Card>
  );
}
