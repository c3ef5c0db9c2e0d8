import AutoAwesomeOutlined from '@mui/icons-material/AutoAwesomeOutlined';
import CheckCircle from '@mui/icons-material/CheckCircle';
import { alpha, Box, Button, Card, CardContent, Chip, Stack, Step, StepContent, StepLabel, Stepper, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import type { Habit } from '../../api';
import { findTemplate, TEMPLATES } from '../../utils/templates';
import { formatTimeOfDay } from '../../utils/time';

const read = findTemplate('read')!.values;
const EXAMPLE = `At ${formatTimeOfDay(read.time_of_day!)} in the ${read.place} I will ${read.action}, then enjoy my coffee.`;

/** Guides a new user to the book's core move: pair a useful habit with a pleasant one. */
export function FirstRun({ pleasant }: { pleasant: Habit | undefined }) {
  const step = pleasant ? 1 : 0;
  const suggestions = TEMPLATES.filter((t) => t.pleasant === !pleasant);
  const link = (template?: string) => {
    const params = new URLSearchParams({ kind: pleasant ? 'useful' : 'pleasant', next: '/' });
    if (template) params.set('template', template);
    if (pleasant) params.set('related', String(pleasant.id));
    return `/habits/new?${params}`;
  };

  return (
    <Card sx={{ mb: 3, background: (t) => `linear-gradient(135deg, ${t.palette.background.paper} 0%, ${alpha(t.palette.primary.main, 0.08)} 100%)` }}>
      <CardContent sx={{ p: { xs: 2.5, sm: 4 } }}>
        <Stack direction="row" spacing={1.5} alignItems="center" sx={{ mb: 1 }}>
          <AutoAwesomeOutlined color="secondary" />
          <Typography variant="h5" component="h2">
            {pleasant ? 'Now pair it with something useful' : 'Let’s build your first habit pair'}
          </Typography>
        </Stack>
        <Typography color="text.secondary" sx={{ mb: 3, maxWidth: 640 }}>
          <em>Atomic Habits</em> calls it temptation bundling: do the habit you need right before the one you enjoy. The
          pleasant habit becomes the reward, and the useful one gets easier to start.
        </Typography>
        <Stepper activeStep={step} orientation="vertical">
          <Step completed={!!pleasant}>
            <StepLabel icon={pleasant ? <CheckCircle color="primary" /> : undefined}>
              {pleasant ? `Pleasant habit: ${pleasant.name}` : 'Pick something you enjoy'}
            </StepLabel>
            <StepContent>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                A pleasant habit is a small treat you look forward to — it needs no reward of its own.
              </Typography>
            </StepContent>
          </Step>
          <Step>
            <StepLabel>Pair a useful habit with it</StepLabel>
            <StepContent>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                Keep it tiny and tie it to a time and a place, right before the treat: “{EXAMPLE}”
              </Typography>
            </StepContent>
          </Step>
        </Stepper>
        <Box sx={{ mt: 2 }}>
          <Typography variant="body2" sx={{ mb: 1, fontWeight: 600 }}>
            Start from an idea:
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mb: 2.5 }}>
            {suggestions.map((t) => (
              <Chip key={t.id} label={t.title} component={RouterLink} to={link(t.id)} clickable variant="outlined" color="primary" />
            ))}
          </Stack>
          <Button variant="contained" size="large" component={RouterLink} to={link()}>
            {pleasant ? 'Create a useful habit' : 'Create a pleasant habit'}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
}
