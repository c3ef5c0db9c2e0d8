import { Box, CircularProgress, Grid, Link, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import type { OverviewStats } from '../../api';
import { StatCard } from '../../components/StatCard';
import { Streak } from '../../components/Streak';
import { percent } from '../../utils/time';

export function OverviewSummary({ stats }: { stats: OverviewStats }) {
  const { done, total } = stats.today;
  const value = total ? Math.round((done / total) * 100) : 0;
  // The overview lists the longest *current* streaks (the API's `best_streaks` carry only
  // `current_streak`), so the card says so.
  const streaks = stats.best_streaks.slice(0, 3);
  const rates = [
    ['Last 7 days', stats.completion_rate_7d],
    ['Last 30 days', stats.completion_rate_30d],
  ] as const;
  return (
    <Grid container spacing={2} sx={{ mb: 3 }}>
      <Grid size={{ xs: 12, sm: 6, md: 3 }}>
        <StatCard label="Today">
          <Stack direction="row" spacing={2} alignItems="center">
            <Box sx={{ position: 'relative', display: 'inline-flex' }}>
              <CircularProgress variant="determinate" value={100} sx={{ color: 'background.subtle', position: 'absolute' }} size={52} thickness={5} />
              <CircularProgress variant="determinate" value={value} size={52} thickness={5} aria-label={`${done} of ${total} done today`} />
            </Box>
            <Typography variant="h5" component="p">
              {done} / {total}
              <Typography component="span" color="text.secondary" variant="body2" sx={{ display: 'block' }}>
                done
              </Typography>
            </Typography>
          </Stack>
        </StatCard>
      </Grid>
      {rates.map(([label, rate]) => (
        <Grid key={label} size={{ xs: 6, md: 3 }}>
          <StatCard label={label}>
            <Typography variant="h4" component="p">{percent(rate)}</Typography>
            <Typography variant="body2" color="text.secondary">completed</Typography>
          </StatCard>
        </Grid>
      ))}
      <Grid size={{ xs: 12, sm: 6, md: 3 }}>
        <StatCard label="Current streaks">
          {streaks.length === 0 ? (
            <Typography color="text.secondary" variant="body2">Complete a habit to start a streak.</Typography>
          ) : (
            <Stack spacing={0.5}>
              {streaks.map((b) => (
                <Stack key={b.habit_id} direction="row" justifyContent="space-between" alignItems="center" spacing={1}>
                  <Link component={RouterLink} to={`/habits/${b.habit_id}`} noWrap color="text.primary" underline="hover">
                    {b.name}
                  </Link>
                  <Streak days={b.current_streak} />
                </Stack>
              ))}
            </Stack>
          )}
        </StatCard>
      </Grid>
    </Grid>
  );
}
