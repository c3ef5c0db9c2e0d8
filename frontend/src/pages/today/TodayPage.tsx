import AddRounded from '@mui/icons-material/AddRounded';
import EventAvailableOutlined from '@mui/icons-material/EventAvailableOutlined';
import { Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { habitsApi, instancesApi, statsApi, toApiError, type Instance, type OverviewStats } from '../../api';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { useNow } from '../../hooks/useNow';
import { useAuth } from '../../store/auth';
import { toast } from '../../store/toast';
import { instanceState, isOpen } from '../../utils/instanceState';
import { formatDate, todayIn } from '../../utils/time';
import { FirstRun } from './FirstRun';
import { InstanceCard } from './InstanceCard';
import { OverviewSummary } from './OverviewSummary';
import { ReminderChannelsAlert } from './ReminderChannelsAlert';

async function loadToday() {
  const [instances, habits, overview] = await Promise.all([
    instancesApi.today({ page_size: 100 }),
    habitsApi.list({ page_size: 100, is_active: 'true' }),
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
  const [busyId, setBusyId] = useState<number | null>(null);

  const act = async (instance: Instance, kind: 'done' | 'skip') => {
    setBusyId(instance.id);
    try {
      const updated = kind === 'done' ? await instancesApi.complete(instance.id) : await instancesApi.fail(instance.id);
      setData((d) => d && { ...d, instances: d.instances.map((i) => (i.id === updated.id ? updated : i)) });
      if (kind === 'done') {
        const streak = updated.habit.current_streak;
        toast(streak > 1 ? `Done! ${streak} in a row — keep it going.` : 'Done! Every repetition is a vote for who you want to become.');
      } else {
        toast('Skipped. Never miss twice — tomorrow is a fresh start.', 'info');
      }
      const overview = await statsApi.overview().catch(() => null);
      if (overview) setData((d) => d && { ...d, overview });
    } catch (err) {
      toast(toApiError(err).message, 'error');
      void reload();
    } finally {
      setBusyId(null);
    }
  };

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

  return (
    <>
      {header}
      {data.habits.length > 0 && <ReminderChannelsAlert />}
      {!hasUseful && <FirstRun pleasant={pleasant} />}
      {data.overview && data.habits.length > 0 && <OverviewSummary stats={data.overview} />}
      {data.habits.length > 0 && (
        <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
          {data.instances.length === 0 ? 'Today' : open ? `Today · ${open} to go` : 'Today · all done 🎉'}
        </Typography>
      )}
      {data.habits.length > 0 && data.instances.length === 0 && (
        <EmptyState icon={<EventAvailableOutlined />} title="Nothing due today">
          None of your habits is due today. Enjoy the rest — or plan the next one.
        </EmptyState>
      )}
      <Stack spacing={1.5}>
        {data.instances.map((instance) => (
          <InstanceCard
            key={instance.id}
            instance={instance}
            timeZone={timeZone}
            now={now}
            busy={busyId === instance.id}
            onDone={() => void act(instance, 'done')}
            onSkip={() => void act(instance, 'skip')}
          />
        ))}
      </Stack>
    </>
  );
}
