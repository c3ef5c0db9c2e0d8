import EmojiEventsOutlined from '@mui/icons-material/EmojiEventsOutlined';
import { Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import type { HabitStats } from '../../api';

/**
 * Progress towards the repetitions that form the habit. Completions keep counting after that, so
 * a formed habit shows the goal reached ("21 / 21") and its total apart, never "95 / 21".
 */
export function ProgressCard({ progress }: { progress: HabitStats['progress'] }) {
  const { completions, repeat_limit: goal, formed } = progress;
  const towardsGoal = Math.min(completions, goal);
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Stack direction="row" justifyContent="space-between" alignItems="baseline" sx={{ mb: 1 }} spacing={2}>
          <Typography variant="h6" component="h2">Progress to a formed habit</Typography>
          <Typography color={formed ? 'secondary.dark' : 'text.secondary'} sx={{ whiteSpace: 'nowrap', fontWeight: formed ? 700 : undefined }} data-testid="progress-goal">
            {formed ? `Formed ✓ ${goal} / ${goal}` : `${towardsGoal} / ${goal}`}
          </Typography>
        </Stack>
        <LinearProgress variant="determinate" value={(towardsGoal / goal) * 100} aria-label="Progress to a formed habit" color={formed ? 'secondary' : 'primary'} />
        {formed && (
          <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 1.5, color: 'secondary.dark' }}>
            <EmojiEventsOutlined />
            <Typography fontWeight={600}>Formed! This is who you are now.</Typography>
          </Stack>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="progress-total">
          {completions === 1 ? '1 completion' : `${completions} completions`} in total
        </Typography>
      </CardContent>
    </Card>
  );
}
