import ArrowBackRounded from '@mui/icons-material/ArrowBackRounded';
import { Button } from '@mui/material';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { communityApi } from '../../api';
import { PageHeader } from '../../components/PageState';
import { PostList } from './PostList';
import { usePostPages } from './usePostPages';

/** The posts of one public habit (a private or missing habit answers 404: shown as the error). */
export function PublicHabitPostsPage() {
  const habitId = Number(useParams().id);
  const pages = usePostPages((cursor) => communityApi.habitPosts(habitId, cursor), [habitId]);
  const name = pages.posts[0]?.habit.name;
  return (
    <>
      <PageHeader
        title={name ? `Posts on “${name}”` : 'Posts on this habit'}
        action={
          <Button startIcon={<ArrowBackRounded />} component={RouterLink} to="/community">
            Community
          </Button>
        }
      />
      <PostList pages={pages} empty="Nobody has posted about this habit yet." />
    </>
  );
}
