import ArrowBackOutlined from '@mui/icons-material/ArrowBackOutlined';
import { Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { goalsApi, type GoalStage } from '../../api';
import { ErrorState, Loading } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { useAuth } from '../../store/auth';
import { deadlineText } from '../../utils/goals';
import { todayIn } from '../../utils/time';
import { AiBreakdownSection } from './AiBreakdownSection';
import { AttachmentsSection } from './AttachmentsSection';
import { GoalActions } from './GoalActions';
import { GoalFormDialog } from './GoalFormDialog';
import { GoalProgress } from './GoalProgress';
import { ReminderForm } from './ReminderForm';
import { StageList } from './StageList';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** One goal: progress, stages, linked habits, files, reminder and what can be done with it. */
export function GoalDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const zone = useAuth((s) => s.user?.timezone ?? 'UTC');
  const goal = useLoad(() => goalsApi.get(id), [id]);
  const stages = useLoad(() => goalsApi.stages(id).then((page) => page.results), [id]);
  const [editing, setEditing] = useState(false);

  if ((goal.loading && !goal.data) || (stages.loading && !stages.data)) return <Loading />;
  if (goal.error || !goal.data) return goal.error ? <ErrorState error={goal.error} onRetry={goal.reload} /> : null;
  const g = goal.data;
  const due = deadlineText(g.deadline, todayIn(zone));
  const back = g.is_archived ? '/goals?tab=archived' : g.is_completed ? '/goals?tab=completed' : '/goals';

  return (
    <Box>
      <Button component={RouterLink} to={back} startIcon={<ArrowBackOutlined />} sx={{ mb: 1 }}>
        Goals
      </Button>
      <Stack spacing={2}>
        <Box>
          <Stack direction="row" spacing={1} useFlexGap alignItems="center" sx={{ flexWrap: 'wrap', mb: 1 }}>
            <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere' }}>
              {g.title}
            </Typography>
            {g.is_completed && <Chip color="success" size="small" label="Completed" />}
            {g.is_archived && <Chip size="small" label="Archived" />}
            {due && !g.is_completed && <Chip size="small" variant="outlined" label={due} />}
          </Stack>
          {g.description && (
            <Typography color="text.secondary" sx={{ whiteSpace: 'pre-line', mb: 1.5 }}>
              {g.description}
            </Typography>
          )}
          <GoalProgress goal={g} />
        </Box>
        <GoalActions goal={g} onChanged={(next) => goal.setData(next)} onEdit={() => setEditing(true)} onDeleted={() => navigate('/goals')} />
        <Section title="Stages">
          <StageList goalId={id} stages={stages.data ?? []} setStages={(list: GoalStage[]) => stages.setData(list)} onProgress={() => void goal.reload()} />
          <AiBreakdownSection goalId={id} onAccepted={() => { void stages.reload(); void goal.reload(); }} />
        </Section>
        <Section title="Linked habits">
          {g.habits.length === 0 ? (
            <Typography color="text.secondary">No habits linked. Edit the goal to choose the habits that serve it.</Typography>
          ) : (
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {g.habits.map((h) => (
                <Chip key={h.id} label={h.name} component={RouterLink} to={`/habits/${h.id}`} clickable variant="outlined" />
              ))}
            </Stack>
          )}
        </Section>
        <Section title="Files">
          <AttachmentsSection goalId={id} />
        </Section>
        <Section title="Reminder">
          <ReminderForm goalId={id} />
        </Section>
      </Stack>
      <GoalFormDialog
        open={editing}
        goal={g}
        onClose={() => setEditing(false)}
        onSaved={(next) => {
          goal.setData(next);
          setEditing(false);
        }}
      />
    </Box>
  );
}
