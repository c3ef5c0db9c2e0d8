import DoneAllRounded from '@mui/icons-material/DoneAllRounded';
import NotificationsNoneOutlined from '@mui/icons-material/NotificationsNoneOutlined';
import { Button, Card, List, Pagination } from '@mui/material';
import { useState } from 'react';
import { notificationsApi, toApiError, type Notification } from '../../api';
import { EmptyState, ErrorState, Loading, PageHeader } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { useAuth } from '../../store/auth';
import { useNotifications } from '../../store/notifications';
import { toast } from '../../store/toast';
import { NotificationItem } from './NotificationItem';

const PAGE_SIZE = 20;

export function NotificationsPage() {
  const timeZone = useAuth((s) => s.user?.timezone) ?? 'UTC';
  const setUnread = useNotifications((s) => s.setUnread);
  const [page, setPage] = useState(1);
  const { data, error, loading, reload, setData } = useLoad(async () => {
    const result = await notificationsApi.list({ page, page_size: PAGE_SIZE });
    setUnread(result.unread_count);
    return result;
  }, [page]);

  const markRead = async (n: Notification) => {
    if (n.read_at) return;
    try {
      const updated = await notificationsApi.read(n.id);
      // Count down from the latest state, not from this render's: two items marked in quick succession
      // must not overwrite each other.
      setData((d) => d && { ...d, unread_count: Math.max(0, d.unread_count - 1), results: d.results.map((x) => (x.id === n.id ? updated : x)) });
      setUnread(Math.max(0, useNotifications.getState().unread - 1));
    } catch (err) {
      toast(toApiError(err).message, 'error');
    }
  };

  const readAll = async () => {
    try {
      const { updated } = await notificationsApi.readAll();
      toast(updated ? `Marked ${updated} as read.` : 'Everything was already read.');
      await reload();
    } catch (err) {
      toast(toApiError(err).message, 'error');
    }
  };

  if (error?.status === 404) {
    return (
      <>
        <PageHeader title="Notifications" />
        <EmptyState icon={<NotificationsNoneOutlined />} title="Notifications are not available here">
          This server does not offer in-app notifications yet.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Notifications"
        subtitle={data ? (data.unread_count ? `${data.unread_count} unread` : 'All caught up') : undefined}
        action={
          data && data.unread_count > 0 && (
            <Button startIcon={<DoneAllRounded />} variant="outlined" onClick={() => void readAll()}>
              Mark all as read
            </Button>
          )
        }
      />
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading label="Loading notifications…" />
      ) : data && data.results.length === 0 ? (
        <EmptyState icon={<NotificationsNoneOutlined />} title="No notifications yet">
          Reminders, nudges and celebrations will show up here.
        </EmptyState>
      ) : (
        data && (
          <Card>
            <List disablePadding>
              {data.results.map((n, i) => (
                <NotificationItem key={n.id} notification={n} timeZone={timeZone} divider={i < data.results.length - 1} onRead={() => void markRead(n)} />
              ))}
            </List>
          </Card>
        )
      )}
      {data && data.count > PAGE_SIZE && (
        <Pagination sx={{ mt: 3, display: 'flex', justifyContent: 'center' }} count={Math.ceil(data.count / PAGE_SIZE)} page={page} onChange={(_, p) => setPage(p)} color="primary" />
      )}
    </>
  );
}
