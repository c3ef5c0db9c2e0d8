import ChevronLeft from '@mui/icons-material/ChevronLeft';
import ChevronRight from '@mui/icons-material/ChevronRight';
import { Box, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { journalApi } from '../../api';
import { useLoad } from '../../hooks/useLoad';
import { moodOf } from './moods';

const MONTHS = ['J', 'F', 'M', 'A', 'M', 'J', 'J', 'A', 'S', 'O', 'N', 'D'];

/** A year in pixels: a row per month, a square per day, coloured by the day's mean mood. */
export function YearInPixels({ year, onYear, version }: { year: number; onYear: (year: number) => void; version: number }) {
  const { data } = useLoad(() => journalApi.calendar(year), [year, version]);
  const byDate = new Map((data?.days ?? []).map((d) => [d.date, d]));
  return (
    <Box>
      <Stack direction="row" alignItems="center" spacing={1} sx={{ mb: 1 }}>
        <IconButton size="small" onClick={() => onYear(year - 1)} aria-label="Previous year"><ChevronLeft /></IconButton>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>{year} in pixels</Typography>
        <IconButton size="small" onClick={() => onYear(year + 1)} aria-label="Next year"><ChevronRight /></IconButton>
      </Stack>
      <Box role="grid" aria-label={`Mood per day in ${year}`} sx={{ overflowX: 'auto' }}>
        {MONTHS.map((initial, month) => {
          const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
          return (
            <Box role="row" key={month} sx={{ display: 'grid', gridTemplateColumns: '14px repeat(31, minmax(7px, 1fr))', gap: '2px', mb: '2px', minWidth: 280 }}>
              <Typography variant="caption" sx={{ fontSize: 10, lineHeight: '12px' }}>{initial}</Typography>
              {Array.from({ length: days }, (_, i) => {
                const date = `${year}-${String(month + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`;
                const day = byDate.get(date);
                const label = day ? `${date}: mood ${day.mood} (${day.entries} ${day.entries === 1 ? 'entry' : 'entries'})` : `${date}: no entry`;
                return (
                  <Tooltip key={date} title={label}>
                    <Box role="gridcell" aria-label={label} data-mood={day ? day.mood : undefined} sx={{ height: 12, borderRadius: '2px', bgcolor: day ? moodOf(day.mood).color : 'action.hover' }} />
                  </Tooltip>
                );
              })}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
