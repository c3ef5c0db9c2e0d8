import AddPhotoAlternateOutlined from '@mui/icons-material/AddPhotoAlternateOutlined';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { communityApi, toApiError, type Post } from '../../api';

const TEXT_MAX = 1000;

interface Props {
  habitId: number;
  open: boolean;
  onClose: () => void;
  onPosted: (post: Post) => void;
}

/** Shares progress on a public habit: a text and an optional photo (stored without its metadata). */
export function PostProgressDialog({ habitId, open, onClose, onPosted }: Props) {
  const [text, setText] = useState('');
  const [image, setImage] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const post = await communityApi.create(habitId, text.trim(), image);
      setText('');
      setImage(null);
      onPosted(post);
    } catch (err) {
      const apiError = toApiError(err);
      setError(Object.values(apiError.fields ?? {}).flat()[0] ?? apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Post progress</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            autoFocus
            multiline
            minRows={3}
            label="How is it going?"
            value={text}
            onChange={(e) => setText(e.target.value)}
            slotProps={{ htmlInput: { maxLength: TEXT_MAX } }}
            helperText={`${text.length}/${TEXT_MAX} · shown in the community feed with your display name (set in Profile), never your email`}
          />
          <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" hidden aria-label="Photo to post" onChange={(e) => setImage(e.target.files?.[0] ?? null)} />
          <Stack direction="row" spacing={1} alignItems="center">
            <Button variant="outlined" startIcon={<AddPhotoAlternateOutlined />} onClick={() => input.current?.click()}>
              {image ? 'Change photo' : 'Add a photo'}
            </Button>
            {image && (
              <Typography variant="body2" noWrap sx={{ minWidth: 0 }}>
                {image.name}
              </Typography>
            )}
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={busy || !text.trim()} onClick={() => void submit()}>
          {busy ? 'Posting…' : 'Post'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
