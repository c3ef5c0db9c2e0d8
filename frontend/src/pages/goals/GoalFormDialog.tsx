import { Alert, Autocomplete, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { goalsApi, habitsApi, type Goal, type Habit } from '../../api';
import { maxLengthsOf } from '../../api/limits';
import { useRevealFirstError } from '../../hooks/useRevealFirstError';
import { useSubmit } from '../../hooks/useSubmit';
import { emptyGoal, goalFormBody, goalFormErrors, goalToForm, type GoalFormValues } from '../../utils/goals';

const FIELDS = ['title', 'description', 'deadline', 'habits'] as const;
const LIMITS = maxLengthsOf('GoalInputRequest');

interface Props {
  open: boolean;
  /** The goal to edit; none for a new one. */
  goal?: Goal;
  onClose: () => void;
  onSaved: (goal: Goal) => void;
}

/** Create or edit a goal: title, description, deadline and the habits that serve it. */
export function GoalFormDialog({ open, goal, onClose, onSaved }: Props) {
  const [values, setValues] = useState<GoalFormValues>(emptyGoal);
  const [habits, setHabits] = useState<Habit[]>([]);
  const { errors, general, busy, run, clearField, failures, fail } = useSubmit(FIELDS);
  const form = useRef<HTMLFormElement>(null);
  useRevealFirstError(form, { failures, errors, general });

  useEffect(() => {
    if (!open) return;
    setValues(goal ? goalToForm(goal) : emptyGoal);
    habitsApi
      .list({ page_size: 100 })
      .then((page) => setHabits(page.results))
      .catch(() => setHabits([]));
  }, [open, goal]);

  const change = (patch: Partial<GoalFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    Object.keys(patch).forEach(clearField);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const own = goalFormErrors(values);
    if (Object.keys(own).length) return fail(own, null);
    const body = goalFormBody(values);
    await run(async () => onSaved(goal ? await goalsApi.update(goal.id, body) : await goalsApi.create(body)));
  };

  const chosen = habits.filter((h) => values.habits.includes(h.id));
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{goal ? 'Edit goal' : 'New goal'}</DialogTitle>
      <form ref={form} onSubmit={submit} noValidate aria-label={goal ? 'Edit goal' : 'New goal'}>
        <DialogContent>
          <Stack spacing={2}>
            {general && <Alert severity="error">{general}</Alert>}
            <TextField
              name="title"
              label="Title"
              required
              autoFocus
              value={values.title}
              onChange={(e) => change({ title: e.target.value })}
              error={!!errors.title}
              helperText={errors.title ?? 'Where your habits lead, e.g. “Run a marathon”.'}
              slotProps={{ htmlInput: { maxLength: LIMITS.title } }}
            />
            <TextField
              name="description"
              label="Description"
              multiline
              minRows={2}
              value={values.description}
              onChange={(e) => change({ description: e.target.value })}
              error={!!errors.description}
              helperText={errors.description}
              slotProps={{ htmlInput: { maxLength: LIMITS.description } }}
            />
            <TextField
              name="deadline"
              label="Deadline"
              type="date"
              value={values.deadline}
              onChange={(e) => change({ deadline: e.target.value })}
              error={!!errors.deadline}
              helperText={errors.deadline ?? 'Optional.'}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <Autocomplete
              multiple
              options={habits}
              value={chosen}
              getOptionLabel={(h) => h.name}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              onChange={(_, list) => change({ habits: list.map((h) => h.id) })}
              renderInput={(params) => (
                <TextField {...params} name="habits" label="Linked habits" error={!!errors.habits} helperText={errors.habits ?? 'The habits that serve this goal.'} />
              )}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {goal ? 'Save' : 'Create goal'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
