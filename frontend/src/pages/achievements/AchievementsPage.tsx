import EmojiEventsOutlined from '@mui/icons-material/EmojiEventsOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import { Box, Card, CardContent, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import { alpha } from '@mui/material/styles';
import { useEffect } from 'react';
import { achievementsApi, type Achievement, type AchievementTier } from '../../api';
import { AchievementIcon } from '../../components/AchievementIcon';
import { EmptyState, ErrorState, Loading } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { useAchievements } from '../../store/achievements';

const TIER_COLOURS: Record<AchievementTier, string> = { bronze: '#b0713a', silver: '#8a96a3', gold: '#d4a017' };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function share(percent: number | null): string {
  return percent === null ? '—' : `${percent}%`;
}

function TierChip({ tier }: { tier: AchievementTier }) {
  const colour = TIER_COLOURS[tier];
  return (
    <Chip
      label={tier[0].toUpperCase() + tier.slice(1)}
      size="small"
      sx={{ bgcolor: alpha(colour, 0.16), color: 'text.primary', border: `1px solid ${colour}`, fontWeight: 600 }}
    />
  );
}

function AchievementCard({ achievement }: { achievement: Achievement }) {
  const { earned, progress, tier } = achievement;
  const colour = TIER_COLOURS[tier];
  return (
    <Card component="li" variant="outlined" aria-label={achievement.name} sx={{ listStyle: 'none', opacity: earned ? 1 : 0.85 }}>
      <CardContent sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
        <Box
          aria-hidden
          sx={{
            flexShrink: 0,
            width: 48,
            height: 48,
            borderRadius: '50%',
            display: 'grid',
            placeItems: 'center',
            bgcolor: earned ? alpha(colour, 0.2) : 'action.hover',
            color: earned ? colour : 'text.disabled',
          }}
        >
          {earned ? <AchievementIcon name={achievement.icon} /> : <LockOutlined />}
        </Box>
        <Box sx={{ minWidth: 0, flexGrow: 1 }}>
          <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700 }}>
              {achievement.name}
            </Typography>
            <TierChip tier={tier} />
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {achievement.description}
          </Typography>
          {progress && !earned && (
            <Box sx={{ mt: 1 }}>
              <LinearProgress
                variant="determinate"
                value={Math.min(100, (100 * progress.current) / progress.target)}
                aria-label={`${achievement.name} progress`}
                sx={{ height: 8, borderRadius: 4 }}
              />
              <Typography variant="caption" color="text.secondary">
                {progress.current} of {progress.target}
              </Typography>
            </Box>
          )}
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
            {earned && achievement.earned_at ? `Earned ${dateFormat.format(new Date(achievement.earned_at))} · ` : ''}
            <span title="Share of users who hold it, updated daily">{share(achievement.percent_of_users)} of users</span>
          </Typography>
        </Box>
      </CardContent>
    </Card>
  );
}

function Section({ title, items }: { title: string; items: Achievement[] }) {
  if (items.length === 0) return null;
  return (
    <Box component="section" aria-label={title} sx={{ mb: 4 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        {title} ({items.length})
      </Typography>
      <Box component="ul" aria-label={title} sx={{ p: 0, m: 0, display: 'grid', gap: 1.5, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        {items.map((a) => (
          <AchievementCard key={a.code} achievement={a} />
        ))}
      </Box>
    </Box>
  );
}

/** Every achievement: earned ones first (newest first), then locked ones with their progress. */
export function AchievementsPage() {
  const page = useLoad(() => achievementsApi.list(), []);
  // the page's own read also feeds the toast, so an achievement earned meanwhile is announced
  const check = useAchievements((s) => s.check);
  useEffect(() => {
    if (page.data) void check();
  }, [page.data, check]);

  if (page.error) return <ErrorState error={page.error} onRetry={() => void page.reload()} />;
  if (!page.data) return <Loading />;
  const all = page.data.results;
  const earned = all.filter((a) => a.earned).sort((a, b) => (b.earned_at ?? '').localeCompare(a.earned_at ?? ''));
  const locked = all.filter((a) => !a.earned);
  return (
    <Box>
      <Typography variant="h4" component="h1" sx={{ mb: 0.5 }}>
        Achievements
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }} data-testid="achievements-summary">
        {earned.length} of {all.length} earned
      </Typography>
      {earned.length === 0 && (
        <EmptyState icon={<EmojiEventsOutlined />} title="Nothing earned yet">
          Complete a habit today: the first step is an achievement too.
        </EmptyState>
      )}
      <Section title="Earned" items={earned} />
      <Section title="Locked" items={locked} />
    </Box>
  );
}
