import AddOutlined from '@mui/icons-material/AddOutlined';
import FlagOutlined from '@mui/icons-material/FlagOutlined';
import { Box, Button, Card, CardActionArea, CardContent, Chip, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router-dom';
import { goalsApi, type Goal } from '../../api';
import { EmptyState, ErrorState, Loading } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { useAuth } from '../../store/auth';
import { todayIn } from '../../utils/time';
import { deadlineText, type GoalTab } from '../../utils/goals';
import { GoalFormDialog } from './GoalFormDialog';
import { GoalProgress } from './GoalProgress';

const TABS: { value: GoalTab; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'completed', label: 'Completed' },
  { value: 'archived', label: 'Archived' },
];

const EMPTY: Record<GoalTab, string> = {
  open: 'No open goals. A goal is where your habits lead: add one and break it into stages.',
  completed: 'No completed goals yet. A goal is completed when all its stages are ticked.',
  archived: 'Nothing archived. Archive a goal to put it away without deleting it.',
};

function loadTab(tab: GoalTab) {
  return tab === 'archived' ? goalsApi.list(undefined, true) : goalsApi.list(tab);
}

/** The goals, open / completed / archived, each with its progress. */
export function GoalsPage() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((t) => t.value === params.get('tab'))?.value ?? 'open') as GoalTab;
  const { data, error, loading, reload } = useLoad(() => loadTab(tab), [tab]);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  return (
    <Box>
      <Stack direction="row" alignItems="center" justifyContent="space-between" sx={{ mb: 1 }}>
        <Typography variant="h5" component="h1">
          Goals
        </Typography>
        <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setCreating(true)}>
          New goal
        </Button>
      </Stack>
      <Tabs value={tab} onChange={(_, value: GoalTab) => setParams(value === 'open' ? {} : { tab: value })} variant="fullWidth" sx={{ mb: 2 }}>
        {TABS.map((t) => (
          <Tab key={t.value} value={t.value} label={t.label} />
        ))}
      </Tabs>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : data && data.results.length === 0 ? (
        <EmptyState icon={<FlagOutlined />} title="No goals here">
          {EMPTY[tab]}
        </EmptyState>
      ) : (
        <Stack spacing={1.5} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={`${tab} goals`}>
          {data?.results.map((goal) => (
            <li key={goal.id}>
              <GoalCard goal={goal} />
            </li>
          ))}
        </Stack>
      )}
      <GoalFormDialog open={creating} onClose={() => setCreating(false)} onSaved={(goal) => navigate(`/goals/${goal.id}`)} />
    </Box>
  );
}

function GoalCard({ goal }: { goal: Goal }) {
  const zone = useAuth((s) => s.user?.timezone ?? 'UTC');
  const due = goal.is_completed ? null : deadlineText(goal.deadline, todayIn(zone));
  return (
    <Card variant="outlined">
      <CardActionArea component={RouterLink} to={`/goals/${goal.id}`}>
        <CardContent>
          <Stack direction="row" spacing={1} useFlexGap alignItems="center" sx={{ mb: 1, flexWrap: 'wrap' }}>
            <Typography variant="h6" component="h2" sx={{ flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
              {goal.title}
            </Typography>
            {goal.is_completed && <Chip size="small" color="success" label="Completed" />}
            {due && <Chip size="small" variant="outlined" color={due.includes('overdue') ? 'warning' : 'default'} label={due} />}
          </Stack>
          <GoalProgress goal={goal} />
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
