import { Box, Pagination, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { habitsApi, type Instance } from '../../api';
import { ErrorState, Loading } from '../../components/PageState';
import { StatusChip } from '../../components/StatusChip';
import { useLoad } from '../../hooks/useLoad';
import { useNow } from '../../hooks/useNow';
import { instanceState } from '../../utils/instanceState';
import { formatDate, formatDateTime, formatTime, todayIn } from '../../utils/time';

const PAGE_SIZE = 10;

/** When it was done, in the user's clock; with the date when that was another day (late, after midnight). */
export function doneAt(instance: Pick<Instance, 'date' | 'completed_at'>, timeZone: string): string {
  const { completed_at: at } = instance;
  if (!at) return '—';
  return todayIn(timeZone, new Date(at)) === instance.date ? formatTime(at, timeZone) : formatDateTime(at, timeZone);
}
const WIDE_ONLY = { display: { xs: 'none', sm: 'table-cell' } };

export function InstanceHistory({ habitId, timeZone }: { habitId: number; timeZone: string }) {
  const [page, setPage] = useState(1);
  const now = useNow();
  const { data, error, loading, reload } = useLoad(() => habitsApi.instances(habitId, { page, page_size: PAGE_SIZE }), [habitId, page]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <Loading label="Loading history…" />;
  if (data.results.length === 0) {
    return <Typography color="text.secondary" sx={{ py: 2 }}>No days yet — the first one appears on the start date.</Typography>;
  }
  return (
    <Box sx={{ opacity: loading ? 0.6 : 1 }}>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Instance history">
          <TableHead>
            <TableRow>
              <TableCell>Date</TableCell>
              <TableCell>Status</TableCell>
              <TableCell sx={WIDE_ONLY}>Planned</TableCell>
              <TableCell>Done at</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.results.map((i) => (
              <TableRow key={i.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(i.date, { weekday: 'short', day: 'numeric', month: 'short' })}</TableCell>
                <TableCell><StatusChip status={instanceState(i, now)} /></TableCell>
                <TableCell sx={WIDE_ONLY}>{formatTime(i.scheduled_at, timeZone)}</TableCell>
                <TableCell>{doneAt(i, timeZone)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      {data.count > PAGE_SIZE && (
        <Pagination sx={{ mt: 2, display: 'flex', justifyContent: 'center' }} count={Math.ceil(data.count / PAGE_SIZE)} page={page} onChange={(_, p) => setPage(p)} />
      )}
    </Box>
  );
}
