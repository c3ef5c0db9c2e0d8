import { LinearProgress, Stack, Typography } from '@mui/material';
import type { Goal } from '../../api';
import { progressText, progressValue } from '../../utils/goals';

/** The goal's progress bar with "2 of 3 stages · 66 %" under it. */
export function GoalProgress({ goal }: { goal: Goal }) {
  return (
    <Stack spacing={0.5}>
      <LinearProgress
        variant="determinate"
        value={progressValue(goal.progress)}
        color={goal.is_completed ? 'success' : 'primary'}
        aria-label={`Progress of ${goal.title}`}
        sx={{ height: 8, borderRadius: 4 }}
      />
      <Typography variant="body2" color="text.secondary">
        {progressText(goal)}
      </Typography>
    </Stack>
  );
}
