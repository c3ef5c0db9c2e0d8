import AddRounded from '@mui/icons-material/AddRounded';
import { Button, Stack, Typography } from '@mui/material';
import { useEffect } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { habitsApi, instancesApi, statsApi, type OverviewStats } from '../../api';
import { ErrorState, Loading, PageHeader } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { useMarkDay } from '../../hooks/useMarkDay';
import { useNow } from '../../hooks/useNow';
import { useAuth } from '../../store/auth';
import { instanceState, isOpen } from '../../utils/instanceState';
import { formatDate, todayIn } from '../../utils/time';
import { ComingNext } from './ComingNext';
import { FirstRun } from './FirstRun';
import { InstanceCard } from './InstanceCard';
import { OverviewSummary } from './OverviewSummary';
import { ReminderChannelsAlert } from './ReminderChannelsAlert';

const HABITS_QUERY = { page_size: 100, is_active: 'true' } as const;

async function loadToday() {
  const [instances, habits, overview] = await Promise.all([
    instancesApi.today({ page_size: 100 }),
    habitsApi.list(HABITS_QUERY),
    // The summary is a bonus: the page still works when the stats endpoint fails.
    statsApi.overview().catch((): OverviewStats | null => null),
  ]);
  return { instances: instances.results, habits: habits.results, overview };
}

export function TodayPage() {
  const timeZone = useAuth((s) => s.user?.timezone) ?? 'UTC';
  const name = useAuth((s) => s.user?.name);
  const now = useNow();
  // Which day is today depends on the zone: a new one (the profile, another tab) loads again.
  const { data, error, loading, reload, setData } = useLoad(loadToday, [timeZone]);
  const { mark, busy } = useMarkDay((_day, instance) => {
    if (!instance) return;
    setData((d) => d && { ...d, instances: d.instances.map((i) => (i.id === instance.id ? instance : i)) });
    // The summary and the habits' next due days follow the mark; both are bonuses, so a failure
    // leaves the old ones.
    void statsApi.overview().then(
      (overview) => setData((d) => d && { ...d, overview }),
      () => undefined,
    );
    void habitsApi.list(HABITS_QUERY).then(
      (habits) => setData((d) => d && { ...d, habits: habits.results }),
      () => undefined,
    );
  }, () => void reload());

  useEffect(() => {
    // A notification's Done or Skip was pressed (src/sw.js): the day changed without this page.
    const worker = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === 'instance-marked') void reload();
    };
    worker?.addEventListener('message', onMessage);
    return () => worker?.removeEventListener('message', onMessage);
  }, [reload]);

  const header = (
    <PageHeader
      title={name ? `Hello, ${name.split(' ')[0]}` : 'Today'}
      subtitle={formatDate(todayIn(timeZone), { weekday: 'long', day: 'numeric', month: 'long' })}
      action={
        <Button variant="contained" startIcon={<AddRounded />} component={RouterLink} to="/habits/new">
          New habit
        </Button>
      }
    />
  );

  if (loading && !data) return <>{header}<Loading label="Loading today’s habits…" /></>;
  if (error && !data) return <>{header}<ErrorState error={error} onRetry={reload} /></>;
  if (!data) return header;

  const pleasant = data.habits.find((h) => h.is_pleasant);
  const hasUseful = data.habits.some((h) => !h.is_pleasant);
  const open = data.instances.filter((i) => isOpen(instanceState(i, now))).length;
  const allDone = data.instances.every((i) => i.status === 'completed' || i.status === 'completed_late');

  return (
    <>
      {header}
      {data.habits.length > 0 && <ReminderChannelsAlert />}
      {!hasUseful && <FirstRun pleasant={pleasant} />}
      {data.overview && data.habits.length > 0 && <OverviewSummary stats={data.overview} />}
      {data.habits.length > 0 && (
        <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
          {data.instances.length === 0 ? 'Today' : open ? `Today · ${open} to go` : allDone ? 'Today · all done 🎉' : 'Today · nothing left to do'}
        </Typography>
      )}
      {data.habits.length > 0 && data.instances.length === 0 && <ComingNext habits={data.habits} today={todayIn(timeZone)} empty />}
      <Stack spacing={1.5}>
        {data.instances.map((instance) => (
          <InstanceCard
            key={instance.id}
            instance={instance}
            timeZone={timeZone}
            now={now}
            busy={busy({ habitId: instance.habit.id, date: instance.date })}
            onMark={(choice) => void mark({ habitId: instance.habit.id, date: instance.date, instance }, choice)}
          />
        ))}
      </Stack>
      {data.instances.length > 0 && open === 0 && <ComingNext habits={data.habits} today={todayIn(timeZone)} empty={false} />}
    </>
  );
}
