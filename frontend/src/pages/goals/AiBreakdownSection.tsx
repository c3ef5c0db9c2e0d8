import AutoAwesomeOutlined from '@mui/icons-material/AutoAwesomeOutlined';
import { Alert, Box, Button, Checkbox, FormControlLabel, LinearProgress, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { goalsApi, toApiError, type AiJob } from '../../api';
import { useLoad } from '../../hooks/useLoad';
import { toast } from '../../store/toast';
import { attempt } from './stageActions';

const POLL_MS = 2000;

/**
 * "Break it down with AI": starts a job, polls it while it runs, then shows the proposed stages
 * to keep or discard. Hidden when the server has no AI key (GET /api/goals/ai/).
 */
export function AiBreakdownSection({ goalId, onAccepted }: { goalId: number; onAccepted: () => void }) {
  const capability = useLoad(() => goalsApi.aiCapability(), []);
  const [job, setJob] = useState<AiJob | null>(null);
  const [keep, setKeep] = useState<number[]>([]);
  const running = job?.status === 'queued' || job?.status === 'running';

  useEffect(() => {
    if (!job || !running) return;
    const timer = window.setTimeout(async () => {
      const next = await attempt(() => goalsApi.aiJob(goalId, job.id));
      if (next) {
        setJob(next);
        setKeep(next.drafts.map((d) => d.id));
      }
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [goalId, job, running]);

  if (!capability.data?.enabled) return null;

  const start = async () => {
    try {
      setJob(await goalsApi.startAi(goalId));
    } catch (err) {
      const refusal = toApiError(err);
      // a job already runs for this goal (another tab, a reload): follow that one instead
      const running = refusal.code === 'ai_breakdown_in_progress' ? Number(refusal.details.job_id) : NaN;
      const existing = Number.isInteger(running) ? await attempt(() => goalsApi.aiJob(goalId, running)) : undefined;
      if (existing) setJob(existing);
      else toast(refusal.message, 'error');
    }
  };
  const finish = async (ids: number[]) => {
    if ((await attempt(() => goalsApi.acceptDrafts(goalId, ids))) === undefined) return;
    setJob(null);
    onAccepted();
  };
  const drafts = job?.status === 'succeeded' ? job.drafts : [];

  return (
    <Box sx={{ mt: 2 }}>
      {!job && (
        <Button variant="outlined" startIcon={<AutoAwesomeOutlined />} onClick={() => void start()}>
          Suggest stages with AI
        </Button>
      )}
      {running && (
        <Box role="status">
          <Typography sx={{ mb: 1 }}>{job.message}</Typography>
          <LinearProgress aria-label="Generating stages" />
        </Box>
      )}
      {job?.status === 'failed' && (
        <Alert severity="warning" action={<Button color="inherit" onClick={() => setJob(null)}>OK</Button>}>
          {job.message}
        </Alert>
      )}
      {drafts.length > 0 && (
        <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }} aria-label="Proposed stages">
          <Typography variant="subtitle1">{job?.message}</Typography>
          <Stack>
            {drafts.map((draft) => (
              <FormControlLabel
                key={draft.id}
                label={draft.title}
                control={
                  <Checkbox
                    checked={keep.includes(draft.id)}
                    onChange={(_, on) => setKeep(on ? [...keep, draft.id] : keep.filter((id) => id !== draft.id))}
                  />
                }
              />
            ))}
          </Stack>
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <Button variant="contained" onClick={() => void finish(drafts.filter((d) => keep.includes(d.id)).map((d) => d.id))}>
              Keep {keep.length === drafts.length ? 'all' : 'selected'}
            </Button>
            <Button onClick={() => void finish([])}>Discard</Button>
          </Stack>
        </Box>
      )}
    </Box>
  );
}
