import { FormControl, FormControlLabel, FormHelperText, FormLabel, MenuItem, Radio, RadioGroup, Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import type { FieldErrors, Periodicity, Schedule } from '../../api';
import { PERIODICITIES } from '../../utils/habitText';
import { scheduleText, WEEKDAY_SHORT } from '../../utils/schedule';
import { MAX_TIMES_PER_WEEK, toggleWeekday, type HabitFormValues } from './habitFormModel';

type Values = Pick<HabitFormValues, 'schedule' | 'periodicity_days' | 'weekdays' | 'times_per_week'>;

const KINDS: { value: Schedule; label: string }[] = [
  { value: 'every_n_days', label: 'Every N days' },
  { value: 'weekdays', label: 'On chosen weekdays' },
  { value: 'times_per_week', label: 'N times a week' },
];

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface Props {
  values: Values;
  errors: FieldErrors;
  onChange: (patch: Partial<HabitFormValues>) => void;
}

/** How a habit recurs: every N days, on chosen weekdays (Mon–Sun chips), or N times a week. */
export function SchedulePicker({ values: v, errors, onChange }: Props) {
  const summary = v.schedule === 'weekdays' && v.weekdays.length === 0 ? null : scheduleText({ ...v, weekdays: v.weekdays });
  return (
    <Stack spacing={1.5}>
      <FormControl error={!!errors.schedule}>
        <FormLabel id="schedule-label">How often</FormLabel>
        <RadioGroup row aria-labelledby="schedule-label" name="schedule" value={v.schedule} onChange={(e) => onChange({ schedule: e.target.value as Schedule })}>
          {KINDS.map((k) => (
            <FormControlLabel key={k.value} value={k.value} control={<Radio />} label={k.label} />
          ))}
        </RadioGroup>
        {errors.schedule && <FormHelperText>{errors.schedule}</FormHelperText>}
      </FormControl>

      {v.schedule === 'every_n_days' && (
        <TextField
          select
          label="Repeat"
          name="periodicity_days"
          value={v.periodicity_days}
          onChange={(e) => onChange({ periodicity_days: Number(e.target.value) as Periodicity })}
          error={!!errors.periodicity_days}
          helperText={errors.periodicity_days ?? 'Counted from the start date.'}
          sx={{ maxWidth: { sm: 280 } }}
        >
          {PERIODICITIES.map((p) => (
            <MenuItem key={p.value} value={p.value}>
              {p.label}
            </MenuItem>
          ))}
        </TextField>
      )}

      {v.schedule === 'weekdays' && (
        <FormControl error={!!errors.weekdays}>
          <FormLabel id="weekdays-label" sx={{ mb: 0.75 }}>On these days</FormLabel>
          <ToggleButtonGroup color="primary" size="small" aria-labelledby="weekdays-label" value={v.weekdays} sx={{ flexWrap: 'wrap' }}>
            {WEEKDAY_SHORT.map((day, i) => (
              <ToggleButton
                key={day}
                value={i}
                aria-label={WEEKDAY_NAMES[i]}
                onClick={() => onChange({ weekdays: toggleWeekday(v.weekdays, i) })}
                // The first chip carries the field's name, so a server error on it can focus it.
                {...(i === 0 && { name: 'weekdays' })}
                sx={{ minWidth: 44 }}
              >
                {day}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <FormHelperText>{errors.weekdays ?? summary ?? 'Pick at least one day.'}</FormHelperText>
        </FormControl>
      )}

      {v.schedule === 'times_per_week' && (
        <TextField
          select
          label="Times a week"
          name="times_per_week"
          value={v.times_per_week}
          onChange={(e) => onChange({ times_per_week: Number(e.target.value) })}
          error={!!errors.times_per_week}
          helperText={errors.times_per_week ?? 'Any days: due every day until the week’s count is reached (weeks start on Monday).'}
          sx={{ maxWidth: { sm: 280 } }}
        >
          {Array.from({ length: MAX_TIMES_PER_WEEK }, (_, i) => i + 1).map((n) => (
            <MenuItem key={n} value={n}>
              {scheduleText({ schedule: 'times_per_week', periodicity_days: 1, weekdays: [], times_per_week: n })}
            </MenuItem>
          ))}
        </TextField>
      )}
    </Stack>
  );
}
