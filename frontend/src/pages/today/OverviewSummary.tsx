import { Box, Card, CardContent, CircularProgress, Grid, Link, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import type { OverviewStats } from '../../api';
import { Streak } from '../../components/Streak';
import { percent } from '../../utils/time';

function Tile({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Card sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="overline" color="text.secondary" component="h2">
          {label}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

export function OverviewSummary({ stats }: { stats: OverviewStats }) {
  const { done, total } = stats.today;
  const value = total ? Math.round((done / total) * 100) : 0;
  const best = stats.best_streaks.slice(0, 3);
  return (
    <Grid container spacing={2} sx={{ mb: 3 }}>
      <Grid size={{ xs: 12, sm: 6, md: 3 }}>
        <Tile label="Today">
          <Stack direction="row" spacing={2} alignItems="center">
            <Box sx={{ position: 'relative', display: 'inline-flex' }}>
              <CircularProgress variant="determinate" value={100} sx={{ color: '#ebe8df', position: 'absolute' }} size={52} thickness={5} />
              <CircularProgress variant="determinate" value={value} size={52} thickness={5} aria-label={`${done} of ${total} done today`} />
            </Box>
            <Typography variant="h5" component="p">
              {done} / {total}
              <Typography component="span" color="text.secondary" variant="body2" sx={{ display: 'block' }}>
                done
              </Typography>
            </Typography>
          </Stack>
        </Tile>
      </Grid>
      <Grid size={{ xs: 6, md: 3 }}>
        <Tile label="Last 7 days">
          <Typography variant="h4" component="p">{percent(stats.completion_rate_7d)}</Typography>
          <Typography variant="body2" color="text.secondary">completed</Typography>
        </Tile>
      </Grid>
      <Grid size={{ xs: 6, md: 3 }}>
        <Tile label="Last 30 days">
          <Typography variant="h4" component="p">{percent(stats.completion_rate_30d)}</Typography>
          <Typography variant="body2" color="text.secondary">completed</Typography>
        </Tile>
      </Grid>
      <Grid size={{ xs: 12, sm: 6, md: 3 }}>
        <Tile label="Best streaks">
          {best.length === 0 ? (
            <Typography color="text.secondary" variant="body2">Complete a habit to start a streak.</Typography>
          ) : (
            <Stack spacing={0.5}>
              {best.map((b) => (
                <Stack key={b.habit_id} direction="row" justifyContent="space-between" alignItems="center" spacing={1}>
                  <Link component={RouterLink} to={`/habits/${b.habit_id}`} noWrap color="text.primary" underline="hover">
                    {b.name}
                  </Link>
                  <Streak days={b.current_streak} />
                </Stack>
              ))}
            </Stack>
          )}
        </Tile>
      </Grid>
    </Grid>
  );
}
