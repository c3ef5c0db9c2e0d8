import { FormControlLabel, Switch, Typography } from '@mui/material';
import { communityApi } from '../../api';
import { PageHeader } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { attempt } from '../goals/stageActions';
import { ExploreTabs } from './ExploreTabs';
import { PostList } from './PostList';
import { usePostPages } from './usePostPages';

/** The community feed: progress posts on public habits, newest first. */
export function CommunityPage() {
  const pages = usePostPages((cursor) => communityApi.feed(cursor), []);
  const settings = useLoad(() => communityApi.settings(), []);

  const setAutoPost = async (on: boolean) => {
    const saved = await attempt(() => communityApi.saveSettings({ auto_post_milestones: on }));
    if (saved) settings.setData(saved);
  };

  return (
    <>
      <PageHeader title="Community" subtitle="Progress people share on their public habits. Cheer them on." />
      <ExploreTabs />
      {settings.data && (
        <FormControlLabel
          sx={{ mb: 2 }}
          control={<Switch checked={settings.data.auto_post_milestones} onChange={(e) => void setAutoPost(e.target.checked)} />}
          label={
            <Typography variant="body2">Post my streak milestones (7, 21, 66, 100) and formed habits automatically, for public habits</Typography>
          }
        />
      )}
      <PostList pages={pages} empty="Share progress from one of your public habits with its “Post progress” button." />
    </>
  );
}
