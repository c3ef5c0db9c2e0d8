import AddRounded from '@mui/icons-material/AddRounded';
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import CalendarViewWeekOutlined from '@mui/icons-material/CalendarViewWeekOutlined';
import ViewAgendaOutlined from '@mui/icons-material/ViewAgendaOutlined';
import { Box, Button, Card, CardActionArea, CardContent, Grid, MenuItem, Pagination, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { habitsApi, type HabitQuery } from '../api';
import { HabitActions } from '../components/HabitActions';
import { HabitSummary } from '../components/HabitSummary';
import { EmptyState, ErrorState, Loading, PageHeader } from '../components/PageState';
import { useLoad } from '../hooks/useLoad';
import { HabitWeekList } from './habit-list/HabitWeekList';

const PAGE_SIZE = 24;
type Kind = 'all' | 'pleasant' | 'useful';
type State = 'active' | 'inactive' | 'archived' | 'all';
type Ordering = NonNullable<HabitQuery['ordering']>;
type View = 'cards' | 'week';
const VIEW_KEY = 'aht-habits-view';

function savedView(): View {
  return localStorage.getItem(VIEW_KEY) === 'week' ? 'week' : 'cards';
}

const ORDERINGS: { value: Ordering; label: string }[] = [
  { value: 'time_of_day', label: 'Time of day' },
  { value: 'name', label: 'Name' },
  { value: '-created_at', label: 'Newest first' },
];

function query(kind: Kind, state: State, ordering: Ordering, page: number): HabitQuery {
  return {
    page,
    page_size: PAGE_SIZE,
    ordering,
    ...(kind !== 'all' && { is_pleasant: kind === 'pleasant' ? 'true' : 'false' }),
    // Archived habits are listed only when asked for; the other choices leave them out.
    ...(state === 'archived' ? { archived: 'true' } : state !== 'all' && { is_active: state === 'active' ? 'true' : 'false' }),
  };
}

export function HabitsPage() {
  const [kind, setKind] = useState<Kind>('all');
  const [state, setState] = useState<State>('active');
  const [ordering, setOrdering] = useState<Ordering>('time_of_day');
  const [page, setPage] = useState(1);
  const [view, setView] = useState<View>(savedView);
  const { data, error, loading, reload } = useLoad(() => habitsApi.list(query(kind, state, ordering, page)), [kind, state, ordering, page]);
  const filtered = kind !== 'all' || state !== 'active';

  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title="Habits"
        subtitle="Everything you are building, and the treats that make it stick."
        action={
          <Button variant="contained" startIcon={<AddRounded />} component={RouterLink} to="/habits/new">
            New habit
          </Button>
        }
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mb: 3 }} alignItems={{ sm: 'center' }}>
        <TextField select size="small" label="Kind" value={kind} onChange={(e) => filter(setKind)(e.target.value as Kind)} sx={{ minWidth: 160 }} fullWidth={false}>
          <MenuItem value="all">All kinds</MenuItem>
          <MenuItem value="useful">Useful</MenuItem>
          <MenuItem value="pleasant">Pleasant</MenuItem>
        </TextField>
        <TextField select size="small" label="Status" value={state} onChange={(e) => filter(setState)(e.target.value as State)} sx={{ minWidth: 160 }} fullWidth={false}>
          <MenuItem value="active">Active</MenuItem>
          <MenuItem value="inactive">Inactive</MenuItem>
          <MenuItem value="archived">Archived</MenuItem>
          <MenuItem value="all">All but archived</MenuItem>
        </TextField>
        <TextField select size="small" label="Sort by" value={ordering} onChange={(e) => filter(setOrdering)(e.target.value as Ordering)} sx={{ minWidth: 160 }} fullWidth={false}>
          {ORDERINGS.map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={view}
          aria-label="View"
          onChange={(_, v: View | null) => {
            if (!v) return;
            setView(v);
            localStorage.setItem(VIEW_KEY, v);
          }}
          sx={{ ml: { sm: 'auto' }, alignSelf: { xs: 'flex-start', sm: 'center' } }}
        >
          <ToggleButton value="cards" aria-label="Cards"><ViewAgendaOutlined fontSize="small" sx={{ mr: 0.75 }} />Cards</ToggleButton>
          <ToggleButton value="week" aria-label="Last days"><CalendarViewWeekOutlined fontSize="small" sx={{ mr: 0.75 }} />Last days</ToggleButton>
        </ToggleButtonGroup>
      </Stack>

      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading label="Loading your habits…" />
      ) : data && data.results.length === 0 ? (
        <EmptyState
          icon={<ListAltOutlined />}
          title={filtered ? 'No habits match these filters' : 'No habits yet'}
          action={
            !filtered && (
              <Button variant="contained" component={RouterLink} to="/habits/new">
                Create your first habit
              </Button>
            )
          }
        >
          {filtered ? 'Try another filter.' : 'Start with something tiny, tied to a time and a place.'}
        </EmptyState>
      ) : (
        data && (
          <>
            {view === 'week' ? (
              <Box sx={{ opacity: loading ? 0.6 : 1 }}>
                <HabitWeekList habits={data.results} />
              </Box>
            ) : (
            <Grid container spacing={2} sx={{ opacity: loading ? 0.6 : 1 }}>
              {data.results.map((habit) => (
                <Grid key={habit.id} size={{ xs: 12, md: 6 }}>
                  <Card sx={{ height: '100%', display: 'flex' }}>
                    <CardActionArea component={RouterLink} to={`/habits/${habit.id}`} sx={{ flexGrow: 1, alignItems: 'flex-start' }}>
                      <CardContent>
                        <Typography variant="subtitle1" component="h2">
                          {habit.name}
                        </Typography>
                        <HabitSummary habit={habit} />
                      </CardContent>
                    </CardActionArea>
                    <Box sx={{ p: 1 }}>
                      <HabitActions habit={habit} onChanged={() => void reload()} />
                    </Box>
                  </Card>
                </Grid>
              ))}
            </Grid>
            )}
            {data.count > PAGE_SIZE && (
              <Pagination
                sx={{ mt: 3, display: 'flex', justifyContent: 'center' }}
                count={Math.ceil(data.count / PAGE_SIZE)}
                page={page}
                onChange={(_, p) => setPage(p)}
                color="primary"
              />
            )}
          </>
        )
      )}
    </>
  );
}
