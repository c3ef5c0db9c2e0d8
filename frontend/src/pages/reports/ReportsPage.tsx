import InsightsOutlined from '@mui/icons-material/InsightsOutlined';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Grid,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { reportsApi, toApiError, type ApiError, type HabitsMoodReport, type ReportJob, type ReportWeek } from '../../api';
import { ErrorState, PageHeader } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { useAuth } from '../../store/auth';
import { addDays } from '../../utils/days';
import { formatDate, percent, todayIn } from '../../utils/time';
import { MoodByHabitChart, WEEKDAYS, WeekdayChart } from './ReportCharts';

const PRESETS = [30, 90, 365];
const POLL_MS = 1500;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card variant="outlined" component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function WeekCard({ label, week }: { label: string; week: ReportWeek }) {
  return (
    <Box>
      <Typography variant="overline" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
        {formatDate(week.first_day, { day: 'numeric', month: 'short' })} – {formatDate(week.last_day)}
      </Typography>
      <Typography variant="body2">
        {week.completions} of {week.due} done ({percent(week.completion_rate)})
        {week.mood !== null && ` · mood ${week.mood.toFixed(1)}`}
      </Typography>
    </Box>
  );
}

function WeeklySummarySection() {
  const settings = useLoad(() => reportsApi.settings(), []);
  const latest = useLoad(() => reportsApi.latestSummary(), []);
  const [saving, setSaving] = useState(false);
  const summary = latest.data?.results[0];
  const choose = async (value: string) => {
    setSaving(true);
    try {
      const weekday = value === 'off' ? null : Number(value);
      settings.setData(await reportsApi.updateSettings(weekday));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Section title="Weekly summary">
      <TextField
        select
        size="small"
        label="Send it on"
        value={settings.data?.weekly_summary_weekday ?? 'off'}
        onChange={(e) => void choose(e.target.value)}
        disabled={saving || !settings.data}
        sx={{ minWidth: 180, mb: 2 }}
      >
        <MenuItem value="off">Off</MenuItem>
        {WEEKDAYS.map((day, index) => (
          <MenuItem key={day} value={index}>
            {day}
          </MenuItem>
        ))}
      </TextField>
      {summary ? (
        <Box aria-label="Last weekly summary">
          <Typography variant="subtitle2">
            Week of {formatDate(summary.week_start, { day: 'numeric', month: 'short' })} – {formatDate(summary.week_end)}
          </Typography>
          <Typography variant="body2">
            {summary.content.due ? `Done ${summary.content.completions} of ${summary.content.due} (${percent(summary.content.completion_rate)}).` : 'Nothing was due.'}
            {summary.content.mood !== null && ` Mood ${summary.content.mood.toFixed(1)} over ${summary.content.mood_days} days.`}
          </Typography>
          {summary.content.streaks.length > 0 && (
            <Typography variant="body2">Streaks: {summary.content.streaks.map((s) => `${s.name} ${s.current_streak}`).join(', ')}</Typography>
          )}
          <Typography variant="body2" color="text.secondary">
            {summary.content.headline ?? 'Too little data yet for a habits-and-mood insight.'}
          </Typography>
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary">
          No summary yet: it arrives on the day you choose, through your notification channels.
        </Typography>
      )}
    </Section>
  );
}

function Report({ report }: { report: HabitsMoodReport }) {
  return (
    <Stack spacing={2}>
      <Alert severity={report.headline ? 'success' : 'info'} icon={<InsightsOutlined />}>
        {report.headline ?? `Too little data for an insight: a habit needs ${report.min_days_each_side} days with a mood on each side (done and not done).`}
      </Alert>
      <Section title="Mood vs habits">
        <MoodByHabitChart report={report} />
      </Section>
      <Section title="By weekday">
        <WeekdayChart report={report} />
      </Section>
      <Section title="Best and worst weeks">
        {report.best_week && report.worst_week ? (
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 6 }}>
              <WeekCard label="Best week" week={report.best_week} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <WeekCard label="Worst week" week={report.worst_week} />
            </Grid>
          </Grid>
        ) : (
          <Typography color="text.secondary">Weeks are compared once two of them had something due.</Typography>
        )}
      </Section>
    </Stack>
  );
}

export function ReportsPage() {
  const zone = useAuth((s) => s.user?.timezone ?? 'UTC');
  const today = todayIn(zone);
  const [range, setRange] = useState({ from: addDays(today, -29), to: today });
  const [draft, setDraft] = useState(range);
  const [report, setReport] = useState<HabitsMoodReport | null>(null);
  const [job, setJob] = useState<ReportJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    setJob(null);
    reportsApi
      .habitsMood(range.from, range.to)
      .then((answer) => {
        if (!live) return;
        if (answer.kind === 'job') setJob(answer.job);
        else setReport(answer.report);
      })
      .catch((err) => live && setError(toApiError(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [range]);

  useEffect(() => {
    if (!job || job.status === 'succeeded' || job.status === 'failed') return;
    const timer = window.setTimeout(async () => {
      try {
        const next = await reportsApi.job(job.id);
        setJob(next);
        if (next.status === 'succeeded' && next.result) setReport(next.result);
      } catch (err) {
        setError(toApiError(err));
      }
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [job]);

  const preset = PRESETS.find((days) => range.to === today && range.from === addDays(today, -(days - 1)));
  const computing = job !== null && (job.status === 'queued' || job.status === 'running');

  return (
    <Box>
      <PageHeader title="Reports" subtitle="Which habits go with better days, from your journal's moods." />
      <Stack spacing={2}>
        <Card variant="outlined">
          <CardContent>
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems={{ md: 'center' }}>
              <ToggleButtonGroup
                size="small"
                exclusive
                value={preset ?? null}
                aria-label="Range"
                onChange={(_, days: number | null) => {
                  if (!days) return;
                  const next = { from: addDays(today, -(days - 1)), to: today };
                  setDraft(next);
                  setRange(next);
                }}
              >
                {PRESETS.map((days) => (
                  <ToggleButton key={days} value={days}>
                    {days} days
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
              <Stack
                direction="row"
                spacing={1}
                useFlexGap
                flexWrap="wrap"
                component="form"
                onSubmit={(e) => {
                  e.preventDefault();
                  setRange(draft);
                }}
              >
                <TextField size="small" type="date" label="From" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
                <TextField size="small" type="date" label="To" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
                <Button type="submit" variant="contained">
                  Show
                </Button>
              </Stack>
            </Stack>
          </CardContent>
        </Card>
        {error && <ErrorState error={error} />}
        {(loading || computing) && (
          <Box role="status" aria-label={computing ? 'Computing the report' : 'Loading'}>
            {computing && <Typography color="text.secondary">A long range is computed in the background ({job?.status}); you will also be notified when it is ready.</Typography>}
            <LinearProgress sx={{ mt: 1 }} />
          </Box>
        )}
        {job?.status === 'failed' && <Alert severity="error">The report could not be computed ({job.error_code}). Try again later.</Alert>}
        {report && !loading && !computing && !error && <Report report={report} />}
        <WeeklySummarySection />
      </Stack>
    </Box>
  );
}
