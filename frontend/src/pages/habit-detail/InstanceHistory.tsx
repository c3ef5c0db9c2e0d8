import EditCalendarOutlined from '@mui/icons-material/EditCalendarOutlined';
import { Box, IconButton, Pagination, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
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
// Read by screen readers, not shown (px: a bare 1 in `sx` would mean 100%).
const visuallyHidden = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;
const WIDE_ONLY = { display: { xs: 'none', sm: 'table-cell' } };

interface Props {
  habitId: number;
  timeZone: string;
  /** Bumped after a day is recorded elsewhere on the page: the table loads again. */
  version?: number;
  canPick?: (date: string) => boolean;
  onPick?: (instance: Instance, anchor: Element) => void;
}

export function InstanceHistory({ habitId, timeZone, version = 0, canPick, onPick }: Props) {
  const [page, setPage] = useState(1);
  const now = useNow();
  const { data, error, loading, reload } = useLoad(() => habitsApi.instances(habitId, { page, page_size: PAGE_SIZE }), [habitId, page, version]);

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
              {onPick && <TableCell padding="checkbox"><Box component="span" sx={visuallyHidden}>Change</Box></TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {data.results.map((i) => (
              <TableRow key={i.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(i.date, { weekday: 'short', day: 'numeric', month: 'short' })}</TableCell>
                <TableCell><StatusChip status={instanceState(i, now)} /></TableCell>
                <TableCell sx={WIDE_ONLY}>{formatTime(i.scheduled_at, timeZone)}</TableCell>
                <TableCell>
                  {doneAt(i, timeZone)}
                  {i.recorded_late && <Typography variant="caption" color="text.secondary" component="div">recorded later</Typography>}
                </TableCell>
                {onPick && (
                  <TableCell padding="checkbox">
                    {canPick?.(i.date) && (
                      <Tooltip title="Change this day">
                        <IconButton size="small" aria-label={`Change ${formatDate(i.date)}`} onClick={(e) => onPick(i, e.currentTarget)}>
                          <EditCalendarOutlined fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    )}
                  </TableCell>
                )}
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
