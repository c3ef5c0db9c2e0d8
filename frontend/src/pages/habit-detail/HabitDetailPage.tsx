import ArrowBackRounded from '@mui/icons-material/ArrowBackRounded';
import CampaignOutlined from '@mui/icons-material/CampaignOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import { Alert, Box, Button, Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { habitsApi, toApiError, type HabitStats } from '../../api';
import { HabitActions } from '../../components/HabitActions';
import { HabitSummary } from '../../components/HabitSummary';
import { ErrorState, Loading, PageHeader } from '../../components/PageState';
import { StatCard } from '../../components/StatCard';
import { useLoad } from '../../hooks/useLoad';
import { useAuth } from '../../store/auth';
import { percent } from '../../utils/time';
import { CalendarHeatmap } from './CalendarHeatmap';
import { InstanceHistory } from './InstanceHistory';
import { HabitStateBanner } from './HabitStateBanner';
import { ProgressCard } from './ProgressCard';
import { StatusPie, StrengthChart, WeekdayBars } from './StatsCharts';
import { useDayRecorder } from './useDayRecorder';
import { PostProgressDialog } from '../community/PostProgressDialog';
import { toast } from '../../store/toast';
import { NotFoundPage } from '../NotFoundPage';

async function loadDetail(id: number) {
  const [habit, stats] = await Promise.all([
    habitsApi.get(id),
    habitsApi.stats(id).catch((err): HabitStats | null => {
      if (toApiError(err).status === 404) return null;
      throw err;
    }),
  ]);
  return { habit, stats };
}

function Metric({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <StatCard label={label}>
      <Typography variant="h4" component="p" data-testid={`metric-${label.toLowerCase().replace(/\s+/g, '-')}`}>
        {value}
      </Typography>
      {hint && <Typography variant="body2" color="text.secondary">{hint}</Typography>}
    </StatCard>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card component="section" aria-label={title} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

type Recorder = ReturnType<typeof useDayRecorder>;

function StatsView({ stats, recorder }: { stats: HabitStats; recorder: Recorder }) {
  return (
    <>
      <Grid container spacing={2} sx={{ mb: 2 }}>
        <Grid size={{ xs: 6, md: 3 }}><Metric label="Current streak" value={stats.current_streak} hint={stats.current_streak === 1 ? 'day in a row' : 'in a row'} /></Grid>
        <Grid size={{ xs: 6, md: 3 }}><Metric label="Best streak" value={stats.max_streak} hint="your record" /></Grid>
        <Grid size={{ xs: 6, md: 3 }}><Metric label="Strength" value={percent(stats.strength.score)} hint="grows with every repetition" /></Grid>
        <Grid size={{ xs: 6, md: 3 }}><Metric label="Success rate" value={percent(stats.success_rate)} hint="of finished days" /></Grid>
      </Grid>
      <ProgressCard progress={stats.progress} />
      <Grid container spacing={2} sx={{ mb: 2 }}>
        <Grid size={{ xs: 12, md: 7 }}><Panel title="Strength over time"><StrengthChart history={stats.strength.history} /></Panel></Grid>
        <Grid size={{ xs: 12, md: 5 }}><Panel title="By status"><StatusPie counts={stats.counts} /></Panel></Grid>
        <Grid size={12}><Panel title="Last 365 days"><CalendarHeatmap calendar={stats.calendar} canPick={recorder.canPick} onPick={recorder.pickDate} /></Panel></Grid>
      </Grid>
    </>
  );
}

export function HabitDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const timeZone = useAuth((s) => s.user?.timezone) ?? 'UTC';
  const { data, error, loading, reload, setData } = useLoad(() => loadDetail(id), [id]);
  // A recorded day changes the streak, the rates and the calendar: the page loads them again.
  const recorder = useDayRecorder(data?.habit, () => void reload());
  const [posting, setPosting] = useState(false);

  const back = (
    <Button startIcon={<ArrowBackRounded />} component={RouterLink} to="/habits" color="inherit">
      All habits
    </Button>
  );
  if (error?.status === 404) return <NotFoundPage />;
  if (error) return <><PageHeader title="Habit" action={back} /><ErrorState error={error} onRetry={reload} /></>;
  if (loading && !data) return <><PageHeader title="Habit" action={back} /><Loading /></>;
  if (!data) return null;
  const { habit, stats } = data;

  return (
    <>
      <PageHeader
        title={habit.name}
        subtitle={habit.description || undefined}
        action={
          <Stack direction="row" spacing={1} alignItems="center">
            {back}
            <Button variant="outlined" startIcon={<EditOutlined />} component={RouterLink} to={`/habits/${habit.id}/edit`}>
              Edit
            </Button>
            <HabitActions habit={habit} onChanged={(h) => (h ? setData({ habit: h, stats }) : navigate('/habits'))} />
          </Stack>
        }
      />
      <Box sx={{ mb: 3 }}>
        <HabitSummary habit={habit} />
        {habit.is_public && (
          <Stack direction="row" spacing={1} sx={{ mt: 2 }} flexWrap="wrap" useFlexGap>
            <Button variant="contained" startIcon={<CampaignOutlined />} onClick={() => setPosting(true)}>
              Post progress
            </Button>
            <Button component={RouterLink} to={`/explore/habits/${habit.id}`}>
              See posts
            </Button>
          </Stack>
        )}
      </Box>
      <PostProgressDialog
        habitId={habit.id}
        open={posting}
        onClose={() => setPosting(false)}
        onPosted={() => {
          setPosting(false);
          toast('Posted to the community.');
        }}
      />
      <HabitStateBanner habit={habit} onChanged={(h) => setData({ habit: h, stats })} />
      {stats ? <StatsView stats={stats} recorder={recorder} /> : <Alert severity="info" sx={{ mb: 2 }}>Statistics are not available on this server yet.</Alert>}
      <Grid container spacing={2}>
        {stats && <Grid size={{ xs: 12, md: 5 }}><Panel title="By weekday"><WeekdayBars weekdays={stats.weekdays} /></Panel></Grid>}
        <Grid size={{ xs: 12, md: stats ? 7 : 12 }}>
          <Panel title="History">
            <InstanceHistory habitId={habit.id} timeZone={timeZone} version={recorder.version} canPick={recorder.canPick} onPick={recorder.pickInstance} />
          </Panel>
        </Grid>
      </Grid>
      {recorder.menu}
    </>
  );
}
