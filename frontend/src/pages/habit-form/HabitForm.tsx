import {
  Alert,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  InputAdornment,
  InputLabel,
  Link,
  MenuItem,
  Radio,
  RadioGroup,
  Select,
  Stack,
  Switch,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useRef, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { FieldErrors, Habit, RepeatLimit } from '../../api';
import { REPEAT_LIMITS } from '../../utils/habitText';
import { formatTimeOfDay } from '../../utils/time';
import { FormSection } from './FormSection';
import { SchedulePicker } from './SchedulePicker';
import { useRevealFirstError } from '../../hooks/useRevealFirstError';
import { TimeChips } from '../../components/TimeChips';
import { HABIT_MAX_LENGTH, MAX_EXTRA_REMINDERS, MAX_WINDOW_MINUTES, type HabitFormValues, type RewardMode } from './habitFormModel';

/** Exactly what "Share in Explore" publishes (PublicHabitOutputSerializer; docs/security.md). */
const SHARING_TIP =
  'Shared habits appear in Explore, where signed-in people can copy them: their name, description, action, place, time, reward and schedule, with your display name if you set one in your profile. Your name, email, check-ins, streaks, stats and other habits stay private.';

interface Props {
  values: HabitFormValues;
  errors: FieldErrors;
  general: string | null;
  busy: boolean;
  /** Failed submissions so far: each new one brings the first error into view. */
  failures?: number;
  editing: boolean;
  pleasantHabits: Habit[];
  onChange: (patch: Partial<HabitFormValues>) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

export function HabitForm({ values: v, errors, general, busy, failures = 0, editing, pleasantHabits, onChange, onSubmit, onCancel }: Props) {
  const form = useRef<HTMLFormElement>(null);
  useRevealFirstError(form, { failures, errors, general });
  const text = (name: 'name' | 'description' | 'action' | 'place' | 'reward_text' | 'grace_minutes' | 'fix_minutes' | 'start_date' | 'time_of_day') => ({
    name,
    value: v[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange({ [name]: e.target.value }),
    error: !!errors[name],
    ...(name in HABIT_MAX_LENGTH && { slotProps: { htmlInput: { maxLength: HABIT_MAX_LENGTH[name as keyof typeof HABIT_MAX_LENGTH] } } }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const sentence = `At ${/^\d{2}:\d{2}$/.test(v.time_of_day) ? formatTimeOfDay(v.time_of_day) : '…'} in ${v.place.trim() || '…'}, I will ${v.action.trim() || '…'}.`;

  return (
    <Stack component="form" ref={form} spacing={2.5} onSubmit={submit} noValidate aria-label={editing ? 'Edit habit' : 'New habit'}>
      {general && <Alert severity="error" tabIndex={-1}>{general}</Alert>}

      <FormSection
        title="What, when and where"
        tip={
          <>
            <strong>Make it obvious.</strong> An implementation intention — a clear time and place — doubles the odds that you
            follow through. Keep the action small enough to do in two minutes on a bad day.
          </>
        }
      >
        <Stack spacing={2}>
          <TextField label="Name" required {...text('name')} helperText={errors.name ?? 'A short title, shown everywhere.'} />
          <TextField label="Action" required {...text('action')} helperText={errors.action ?? 'What exactly you will do, e.g. “read 10 pages”.'} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField label="Place" required {...text('place')} helperText={errors.place ?? 'Where, e.g. “armchair”.'} />
            <TextField
              label="Time of day"
              type="time"
              required
              {...text('time_of_day')}
              helperText={errors.time_of_day ?? 'Your local time.'}
              slotProps={{ inputLabel: { shrink: true } }}
              sx={{ maxWidth: { sm: 180 } }}
            />
          </Stack>
          <Typography variant="body2" sx={{ fontStyle: 'italic', color: 'primary.dark' }} aria-live="polite">
            {sentence}
          </Typography>
          <TextField label="Notes" multiline minRows={2} {...text('description')} helperText={errors.description ?? 'Optional: why this matters to you.'} />
        </Stack>
      </FormSection>

      <FormSection
        title="Pleasant or useful?"
        tip={
          <>
            <strong>Make it attractive.</strong> A <em>pleasant</em> habit is something you enjoy — it is its own reward. A
            <em> useful</em> habit is one you want to build; pair it with a reward or with a pleasant habit that comes right
            after (“after I read, I get my coffee”).
          </>
        }
      >
        <FormControl error={!!errors.is_pleasant} fullWidth>
          <FormLabel id="kind-label" sx={{ mb: 1 }}>
            This habit is
          </FormLabel>
          <ToggleButtonGroup
            exclusive
            color="primary"
            value={v.is_pleasant ? 'pleasant' : 'useful'}
            onChange={(_, kind: 'pleasant' | 'useful' | null) => kind && onChange({ is_pleasant: kind === 'pleasant' })}
            aria-labelledby="kind-label"
            fullWidth
          >
            <ToggleButton value="useful">Useful — a habit to build</ToggleButton>
            <ToggleButton value="pleasant">Pleasant — a treat I enjoy</ToggleButton>
          </ToggleButtonGroup>
          {errors.is_pleasant && <FormHelperText>{errors.is_pleasant}</FormHelperText>}
        </FormControl>

        {!v.is_pleasant && (
          <Box sx={{ mt: 2.5 }}>
            <FormControl fullWidth>
              <FormLabel id="reward-mode-label">Make it satisfying with</FormLabel>
              <RadioGroup
                row
                aria-labelledby="reward-mode-label"
                value={v.reward_mode}
                onChange={(e) => onChange({ reward_mode: e.target.value as RewardMode })}
              >
                <FormControlLabel value="pleasant" control={<Radio />} label="A pleasant habit" />
                <FormControlLabel value="reward" control={<Radio />} label="A reward" />
              </RadioGroup>
            </FormControl>
            {v.reward_mode === 'reward' ? (
              <TextField
                label="Reward"
                required
                sx={{ mt: 1 }}
                {...text('reward_text')}
                helperText={errors.reward_text ?? 'Something small and immediate, e.g. “a square of dark chocolate”.'}
              />
            ) : (
              <FormControl fullWidth sx={{ mt: 1 }} error={!!errors.related_pleasant_habit} required>
                <InputLabel id="related-label">Pleasant habit that follows</InputLabel>
                <Select
                  labelId="related-label"
                  label="Pleasant habit that follows"
                  name="related_pleasant_habit"
                  value={v.related_pleasant_habit}
                  onChange={(e) => onChange({ related_pleasant_habit: String(e.target.value) === '' ? '' : Number(e.target.value) })}
                >
                  {pleasantHabits.length === 0 && (
                    <MenuItem value="" disabled>
                      You have no active pleasant habit yet
                    </MenuItem>
                  )}
                  {pleasantHabits.map((h) => (
                    <MenuItem key={h.id} value={h.id}>
                      {h.name} — {h.action}
                    </MenuItem>
                  ))}
                </Select>
                <FormHelperText>
                  {errors.related_pleasant_habit ??
                    (pleasantHabits.length === 0 ? (
                      <>
                        <Link component={RouterLink} to="/habits/new?kind=pleasant">
                          Create a pleasant habit
                        </Link>{' '}
                        first, or choose a reward.
                      </>
                    ) : (
                      'Only your active pleasant habits can be paired.'
                    ))}
                </FormHelperText>
              </FormControl>
            )}
          </Box>
        )}
      </FormSection>

      <FormSection
        title="Rhythm"
        tip={
          <>
            <strong>Make it easy.</strong> Repetition, not time, forms a habit. Pick how often it is due and how many
            completions mark it as formed: 21 for a quick start, 45 for something harder.
          </>
        }
      >
        <SchedulePicker values={v} errors={errors} onChange={onChange} />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 2 }}>
          <TextField
            select
            label="Formed after"
            name="repeat_limit"
            value={v.repeat_limit}
            onChange={(e) => onChange({ repeat_limit: Number(e.target.value) as RepeatLimit })}
            error={!!errors.repeat_limit}
            helperText={errors.repeat_limit}
          >
            {REPEAT_LIMITS.map((r) => (
              <MenuItem key={r.value} value={r.value}>
                {r.label}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="Start date"
            type="date"
            {...text('start_date')}
            helperText={errors.start_date ?? 'Its first possible day.'}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </Stack>
      </FormSection>

      <FormSection
        title="Grace and fix windows"
        tip={
          <>
            <strong>Never miss twice.</strong> Done within the <em>grace</em> window after its time counts as on time. After
            that, the <em>fix</em> window still lets you do it late and keep your streak. When both have passed, the day
            counts as missed.
          </>
        }
      >
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            label="Grace window"
            type="number"
            {...text('grace_minutes')}
            helperText={errors.grace_minutes ?? 'Minutes after the time that still count as on time.'}
            slotProps={{ htmlInput: { min: 0, max: MAX_WINDOW_MINUTES, step: 5, inputMode: 'numeric' }, input: { endAdornment: <InputAdornment position="end">min</InputAdornment> } }}
          />
          <TextField
            label="Fix window"
            type="number"
            {...text('fix_minutes')}
            helperText={errors.fix_minutes ?? 'Extra minutes to do it late.'}
            slotProps={{ htmlInput: { min: 0, max: MAX_WINDOW_MINUTES, step: 5, inputMode: 'numeric' }, input: { endAdornment: <InputAdornment position="end">min</InputAdornment> } }}
          />
        </Stack>
      </FormSection>

      <FormSection
        title="Extra reminders"
        tip={
          <>
            Besides the reminder at its time, up to {MAX_EXTRA_REMINDERS} more nudges on the days it is due, while it is not
            done yet: earlier in the day to plan for it, or during the grace window. Its deadlines stay the same.
          </>
        }
      >
        <TimeChips
          label="Extra reminder"
          times={v.extra_reminders}
          onChange={(extra_reminders) => onChange({ extra_reminders })}
          max={MAX_EXTRA_REMINDERS}
          error={errors.extra_reminders}
          hint={`Up to ${MAX_EXTRA_REMINDERS}, before the grace window ends.`}
        />
      </FormSection>

      <FormSection title="Sharing" tip={SHARING_TIP}>
        <Stack>
          <FormControlLabel control={<Switch checked={v.is_public} onChange={(e) => onChange({ is_public: e.target.checked })} name="is_public" />} label="Share in Explore" />
          {editing && (
            <FormControlLabel control={<Switch checked={v.is_active} onChange={(e) => onChange({ is_active: e.target.checked })} name="is_active" />} label="Active (inactive habits are paused)" />
          )}
          {(errors.is_public || errors.is_active) && <FormHelperText error>{errors.is_public ?? errors.is_active}</FormHelperText>}
        </Stack>
      </FormSection>

      <Stack direction="row" spacing={1.5} justifyContent="flex-end" sx={{ position: 'sticky', bottom: { xs: 64, md: 0 }, py: 1.5, bgcolor: 'background.default', zIndex: 1 }}>
        <Button onClick={onCancel} color="inherit">
          Cancel
        </Button>
        <Button type="submit" variant="contained" size="large" disabled={busy}>
          {busy ? 'Saving…' : editing ? 'Save changes' : 'Create habit'}
        </Button>
      </Stack>
    </Stack>
  );
}
