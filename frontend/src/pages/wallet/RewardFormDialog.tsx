import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Stack, Switch, TextField } from '@mui/material';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { walletApi, type Reward } from '../../api';
import { maxLengthsOf } from '../../api/limits';
import { useRevealFirstError } from '../../hooks/useRevealFirstError';
import { useSubmit } from '../../hooks/useSubmit';

const FIELDS = ['name', 'price', 'note', 'is_archived'] as const;
const LIMITS = maxLengthsOf('RewardInputRequest');

interface Props {
  open: boolean;
  /** The reward to edit; none for a new one. */
  reward?: Reward;
  onClose: () => void;
  onSaved: (reward: Reward) => void;
}

/** Create or edit a reward: what it is and what it costs in coins. */
export function RewardFormDialog({ open, reward, onClose, onSaved }: Props) {
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [note, setNote] = useState('');
  const [archived, setArchived] = useState(false);
  const { errors, general, busy, run, clearField, failures, fail } = useSubmit(FIELDS);
  const form = useRef<HTMLFormElement>(null);
  useRevealFirstError(form, { failures, errors, general });

  useEffect(() => {
    if (!open) return;
    setName(reward?.name ?? '');
    setPrice(reward ? String(reward.price) : '');
    setNote(reward?.note ?? '');
    setArchived(reward?.is_archived ?? false);
  }, [open, reward]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const coins = Number(price);
    const own: Record<string, string> = {};
    if (!name.trim()) own.name = 'Name the reward.';
    if (!Number.isInteger(coins) || coins < 1) own.price = 'A price is a whole number of coins, at least 1.';
    if (Object.keys(own).length) return fail(own, null);
    const body = { name: name.trim(), price: coins, note, is_archived: archived };
    await run(async () => onSaved(reward ? await walletApi.updateReward(reward.id, body) : await walletApi.createReward(body)));
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{reward ? 'Edit reward' : 'New reward'}</DialogTitle>
      <form ref={form} onSubmit={submit} noValidate aria-label={reward ? 'Edit reward' : 'New reward'}>
        <DialogContent>
          <Stack spacing={2}>
            {general && <Alert severity="error">{general}</Alert>}
            <TextField
              name="name"
              label="Reward"
              required
              autoFocus
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                clearField('name');
              }}
              error={!!errors.name}
              helperText={errors.name ?? 'Something you enjoy, e.g. “An episode of my show”.'}
              slotProps={{ htmlInput: { maxLength: LIMITS.name } }}
            />
            <TextField
              name="price"
              label="Price in coins"
              required
              type="number"
              value={price}
              onChange={(e) => {
                setPrice(e.target.value);
                clearField('price');
              }}
              error={!!errors.price}
              helperText={errors.price ?? 'A habit done on time earns 10 to 20 coins.'}
              slotProps={{ htmlInput: { min: 1, step: 1, inputMode: 'numeric' } }}
            />
            <TextField
              name="note"
              label="Note"
              multiline
              minRows={2}
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                clearField('note');
              }}
              error={!!errors.note}
              helperText={errors.note}
              slotProps={{ htmlInput: { maxLength: LIMITS.note } }}
            />
            {reward && (
              <FormControlLabel control={<Switch checked={archived} onChange={(e) => setArchived(e.target.checked)} />} label="Archived (hidden from redeeming)" />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
