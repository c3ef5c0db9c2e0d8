import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import PictureAsPdfOutlined from '@mui/icons-material/PictureAsPdfOutlined';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import { Box, Button, Card, CardActions, CardMedia, IconButton, Link, Stack, Typography } from '@mui/material';
import { useRef, useState, type ChangeEvent } from 'react';
import { goalsApi, type Attachment } from '../../api';
import { useLoad } from '../../hooks/useLoad';
import { toast } from '../../store/toast';
import { fileSizeText, isImage } from '../../utils/goals';
import { attempt } from './stageActions';

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

/** Photos and PDFs proving the result: previews, upload and delete. The links expire, so the list reloads after each change. */
export function AttachmentsSection({ goalId }: { goalId: number }) {
  const { data, reload } = useLoad(() => goalsApi.attachments(goalId), [goalId]);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    const saved = await attempt(() => goalsApi.upload(goalId, file));
    setBusy(false);
    if (saved) {
      toast(`${saved.name} attached.`);
      await reload();
    }
  };

  const remove = async (attachment: Attachment) => {
    if ((await attempt(() => goalsApi.removeAttachment(attachment.id))) === undefined) return;
    await reload();
  };

  const files = data?.results ?? [];
  return (
    <Box>
      {files.length === 0 && (
        <Typography color="text.secondary" sx={{ mb: 1 }}>
          No files yet: add a photo or a PDF as proof of the result.
        </Typography>
      )}
      <Box
        component="ul"
        aria-label="Attachments"
        sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: 1.5, listStyle: 'none', p: 0, m: 0, mb: 1.5 }}
      >
        {files.map((file) => (
          <Card key={file.id} variant="outlined" component="li">
            <Link href={file.url} target="_blank" rel="noopener" underline="none" aria-label={`Open ${file.name}`}>
              {isImage(file.content_type) ? (
                <CardMedia component="img" image={file.url} alt={file.name} sx={{ height: 110, objectFit: 'cover' }} />
              ) : (
                <Stack alignItems="center" justifyContent="center" sx={{ height: 110, color: 'error.main' }}>
                  <PictureAsPdfOutlined sx={{ fontSize: 56 }} />
                </Stack>
              )}
            </Link>
            <CardActions sx={{ justifyContent: 'space-between', px: 1, py: 0.5 }}>
              <Box sx={{ minWidth: 0 }}>
                <Typography variant="body2" noWrap title={file.name}>
                  {file.name}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {fileSizeText(file.size)}
                </Typography>
              </Box>
              <IconButton size="small" onClick={() => void remove(file)} aria-label={`Delete ${file.name}`}>
                <DeleteOutlined fontSize="small" />
              </IconButton>
            </CardActions>
          </Card>
        ))}
      </Box>
      <input ref={input} type="file" accept={ACCEPT} hidden onChange={(e) => void upload(e)} aria-label="File to attach" />
      <Button variant="outlined" startIcon={<UploadFileOutlined />} disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Uploading…' : 'Add a photo or PDF'}
      </Button>
    </Box>
  );
}
