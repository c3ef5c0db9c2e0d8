import ContentCopyRounded from '@mui/icons-material/ContentCopyRounded';
import ExploreOutlined from '@mui/icons-material/ExploreOutlined';
import { Button, Card, CardActions, CardContent, Grid, Pagination, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { habitsApi, toApiError, type Habit, type PublicHabit } from '../api';
import { HabitSummary } from '../components/HabitSummary';
import { EmptyState, ErrorState, Loading, PageHeader } from '../components/PageState';
import { useLoad } from '../hooks/useLoad';
import { ExploreTabs } from './community/ExploreTabs';
import { toast } from '../store/toast';

const PAGE_SIZE = 24;

/**
 * What the copy got, in words. A shared useful habit has no reward text of its own when it is
 * paired with a pleasant habit; the server copies that pleasant habit too when it is public, and
 * gives the copy a placeholder reward when it is private (docs/habits.md): say which happened.
 */
export function copiedMessage(source: PublicHabit, copy: Habit): string {
  if (copy.related_pleasant_habit_name) {
    return `“${copy.name}” is now in your habits, with the treat that follows it, “${copy.related_pleasant_habit_name}”, copied too. Make them yours.`;
  }
  if (!source.is_pleasant && !source.reward_text && copy.reward_text) {
    return `“${copy.name}” is now in your habits. Its owner keeps their treat private, so choose your own reward here.`;
  }
  return `“${copy.name}” is now in your habits. Make it yours.`;
}

export function PublicHabitsPage() {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [copying, setCopying] = useState<number | null>(null);
  const { data, error, loading, reload } = useLoad(() => habitsApi.publicList({ page, page_size: PAGE_SIZE }), [page]);

  const copy = async (habit: PublicHabit) => {
    setCopying(habit.id);
    try {
      const mine = await habitsApi.copy(habit.id);
      toast(copiedMessage(habit, mine));
      navigate(`/habits/${mine.id}/edit`);
    } catch (err) {
      toast(toApiError(err).message, 'error');
    } finally {
      setCopying(null);
    }
  };

  return (
    <>
      <PageHeader title="Explore" subtitle="Habits other people chose to share. Copy one and adjust it to your day." />
      <ExploreTabs />
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading label="Loading shared habits…" />
      ) : data && data.results.length === 0 ? (
        <EmptyState icon={<ExploreOutlined />} title="Nothing shared yet">
          When someone makes a habit public, it shows up here. You can share yours from its edit page.
        </EmptyState>
      ) : (
        data && (
          <>
            <Grid container spacing={2}>
              {data.results.map((habit) => (
                <Grid key={habit.id} size={{ xs: 12, sm: 6, lg: 4 }}>
                  <Card sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
                    <CardContent sx={{ flexGrow: 1 }}>
                      <Typography variant="subtitle1" component="h2">
                        {habit.name}
                      </Typography>
                      {/* The owner's display name, or no name at all (docs/security.md). */}
                      {habit.owner_name && (
                        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 1 }}>
                          shared by {habit.owner_name}
                        </Typography>
                      )}
                      <HabitSummary habit={habit} />
                      {habit.description && (
                        <Typography variant="body2" sx={{ mt: 1.5, fontStyle: 'italic' }}>
                          {habit.description}
                        </Typography>
                      )}
                    </CardContent>
                    <CardActions sx={{ px: 2, pb: 2, flexWrap: 'wrap', gap: 1 }}>
                      <Button
                        startIcon={<ContentCopyRounded />}
                        variant="outlined"
                        onClick={() => void copy(habit)}
                        disabled={copying === habit.id}
                        aria-label={`Copy ${habit.name} into my habits`}
                      >
                        Copy to my habits
                      </Button>
                      <Button component={RouterLink} to={`/explore/habits/${habit.id}`} aria-label={`Posts on ${habit.name}`} sx={{ ml: '0 !important' }}>
                        Posts
                      </Button>
                    </CardActions>
                  </Card>
                </Grid>
              ))}
            </Grid>
            {data.count > PAGE_SIZE && (
              <Pagination sx={{ mt: 3, display: 'flex', justifyContent: 'center' }} count={Math.ceil(data.count / PAGE_SIZE)} page={page} onChange={(_, p) => setPage(p)} color="primary" />
            )}
          </>
        )
      )}
    </>
  );
}
