import ForumOutlined from '@mui/icons-material/ForumOutlined';
import { Box, Button, Stack } from '@mui/material';
import type { ReactNode } from 'react';
import { EmptyState, ErrorState, Loading } from '../../components/PageState';
import { PostCard } from './PostCard';
import type { usePostPages } from './usePostPages';

/** The posts of a feed with its "Load more" button and its empty, loading and error states. */
export function PostList({ pages, empty }: { pages: ReturnType<typeof usePostPages>; empty: ReactNode }) {
  if (pages.error && pages.posts.length === 0) return <ErrorState error={pages.error} onRetry={() => void pages.reload()} />;
  if (pages.loading && pages.posts.length === 0) return <Loading label="Loading posts…" />;
  if (pages.posts.length === 0) return <EmptyState icon={<ForumOutlined />} title="No posts yet">{empty}</EmptyState>;
  return (
    <Stack spacing={2} component="section" aria-label="Posts">
      {pages.posts.map((post) => (
        <PostCard key={post.id} post={post} onChanged={pages.replace} onDeleted={pages.drop} />
      ))}
      {pages.hasMore && (
        <Box sx={{ textAlign: 'center' }}>
          <Button variant="outlined" disabled={pages.loading} onClick={() => void pages.loadMore()}>
            {pages.loading ? 'Loading…' : 'Load more'}
          </Button>
        </Box>
      )}
    </Stack>
  );
}
