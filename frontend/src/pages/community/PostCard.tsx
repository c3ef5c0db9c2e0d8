import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EmojiEventsOutlined from '@mui/icons-material/EmojiEventsOutlined';
import FlagOutlined from '@mui/icons-material/FlagOutlined';
import MoreVert from '@mui/icons-material/MoreVert';
import ThumbUpAltOutlined from '@mui/icons-material/ThumbUpAltOutlined';
import ThumbUpAlt from '@mui/icons-material/ThumbUpAlt';
import {
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  CardMedia,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Link,
  Menu,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { communityApi, type Post } from '../../api';
import { toast } from '../../store/toast';
import { attempt } from '../goals/stageActions';

const MILESTONE_LABELS: Record<string, string> = {
  streak_7: '7-day streak',
  streak_21: '21-day streak',
  streak_66: '66-day streak',
  streak_100: '100-day streak',
  formed: 'Habit formed',
};

interface Props {
  post: Post;
  onChanged: (post: Post) => void;
  onDeleted: (id: number) => void;
}

// A user without a display name is shown without any name (docs/security.md).
const NO_NAME = 'A member';

/** One progress post: who, on which habit, the text and photo, kudos, and report or delete. */
export function PostCard({ post, onChanged, onDeleted }: Props) {
  const author = post.author_name || NO_NAME;
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  // Optimistic: the count moves at once; the server's answer (the true count) replaces it, and a
  // refusal puts the post back as it was.
  const toggleKudos = async () => {
    const giving = !post.kudosed_by_me;
    setBusy(true);
    onChanged({ ...post, kudosed_by_me: giving, kudos_count: Math.max(post.kudos_count + (giving ? 1 : -1), 0) });
    const answer = await attempt(() => (giving ? communityApi.giveKudos(post.id) : communityApi.takeBackKudos(post.id)));
    setBusy(false);
    onChanged(answer ? { ...post, ...answer } : post);
  };

  const remove = async () => {
    setMenu(null);
    if ((await attempt(() => communityApi.remove(post.id))) === undefined) return;
    toast('Post deleted.');
    onDeleted(post.id);
  };

  const report = async () => {
    if ((await attempt(() => communityApi.report(post.id, reason.trim()))) === undefined) return;
    setReporting(false);
    setReason('');
    toast('Thank you: a moderator will look at this post.');
  };

  const kudosLabel = `${post.kudos_count} kudos`;
  return (
    <Card component="article" aria-label={`Post by ${author}`} variant="outlined">
      <CardContent sx={{ pb: 1 }}>
        <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>
            <Typography variant="subtitle2" component="p">
              {author}
              {post.is_mine && (
                <Typography component="span" variant="caption" color="text.secondary">
                  {' '}
                  (you)
                </Typography>
              )}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="p">
              on{' '}
              <Link component={RouterLink} to={`/explore/habits/${post.habit.id}`}>
                {post.habit.name}
              </Link>{' '}
              · {new Date(post.created_at).toLocaleString()}
            </Typography>
          </Box>
          <IconButton size="small" aria-label="Post actions" onClick={(e) => setMenu(e.currentTarget)}>
            <MoreVert fontSize="small" />
          </IconButton>
        </Box>
        {post.kind === 'milestone' && (
          <Chip size="small" color="secondary" icon={<EmojiEventsOutlined />} label={MILESTONE_LABELS[post.milestone] ?? 'Milestone'} sx={{ mt: 1 }} />
        )}
        {post.is_hidden && (
          <Chip size="small" color="warning" label="Hidden by a moderator" sx={{ mt: 1, ml: post.kind === 'milestone' ? 1 : 0 }} />
        )}
        <Typography sx={{ mt: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{post.text}</Typography>
      </CardContent>
      {post.image_url && <CardMedia component="img" image={post.image_url} alt={`Photo by ${author}`} sx={{ maxHeight: 360, width: 'auto', maxWidth: '100%', mx: 'auto', objectFit: 'contain' }} />}
      <CardActions sx={{ px: 2 }}>
        <Button
          size="small"
          startIcon={post.kudosed_by_me ? <ThumbUpAlt /> : <ThumbUpAltOutlined />}
          variant={post.kudosed_by_me ? 'contained' : 'outlined'}
          disabled={busy || post.is_mine}
          onClick={() => void toggleKudos()}
          aria-pressed={post.kudosed_by_me}
          aria-label={post.is_mine ? kudosLabel : `${post.kudosed_by_me ? 'Take back kudos' : 'Give kudos'} (${kudosLabel})`}
        >
          {post.kudos_count}
        </Button>
      </CardActions>
      <Menu anchorEl={menu} open={menu !== null} onClose={() => setMenu(null)}>
        {post.is_mine ? (
          <MenuItem onClick={() => void remove()}>
            <DeleteOutlined fontSize="small" sx={{ mr: 1 }} /> Delete post
          </MenuItem>
        ) : (
          <MenuItem
            onClick={() => {
              setMenu(null);
              setReporting(true);
            }}
          >
            <FlagOutlined fontSize="small" sx={{ mr: 1 }} /> Report post
          </MenuItem>
        )}
      </Menu>
      <Dialog open={reporting} onClose={() => setReporting(false)} fullWidth maxWidth="xs">
        <DialogTitle>Report this post</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            label="What is wrong with it?"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 500 } }}
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setReporting(false)}>Cancel</Button>
          <Button variant="contained" disabled={!reason.trim()} onClick={() => void report()}>
            Report
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
