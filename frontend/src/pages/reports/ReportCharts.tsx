import { Box, Chip, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HabitsMoodReport, ReportHabitMood } from '../../api';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function useChartStyle() {
  const { palette } = useTheme();
  return {
    grid: palette.divider,
    done: palette.primary.main,
    notDone: palette.mode === 'dark' ? '#8a7f6a' : '#c9b99a',
    mood: palette.secondary.main,
    tick: { fill: palette.text.secondary },
    tooltip: {
      contentStyle: { background: palette.background.paper, border: `1px solid ${palette.divider}`, borderRadius: 8 },
      labelStyle: { color: palette.text.primary },
      itemStyle: { color: palette.text.primary },
    },
  };
}

function sampleLabel(habit: ReportHabitMood): string {
  return `${habit.name} (${habit.done_days} vs ${habit.not_done_days} days)`;
}

/** Mood on done vs not-done days, one pair of bars per habit with enough days on each side; the
 * others are listed with their sample sizes and the "too little data" state, never drawn. */
export function MoodByHabitChart({ report }: { report: HabitsMoodReport }) {
  const style = useChartStyle();
  const shown = report.habits.filter((h) => h.enough_data);
  const tooLittle = report.habits.filter((h) => !h.enough_data);
  const data = shown.map((h) => ({ name: sampleLabel(h), done: h.mood_done, notDone: h.mood_not_done }));
  return (
    <Box>
      {shown.length > 0 ? (
        <Box role="img" aria-label="Mood on done and not-done days per habit">
          <ResponsiveContainer width="100%" height={80 + shown.length * 64}>
            <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
              <CartesianGrid stroke={style.grid} horizontal={false} />
              <XAxis type="number" domain={[0, 5]} ticks={[1, 2, 3, 4, 5]} fontSize={12} tick={style.tick} />
              <YAxis type="category" dataKey="name" width={150} fontSize={12} tick={style.tick} />
              <Tooltip {...style.tooltip} />
              <Legend />
              <Bar dataKey="done" name="Mood when done" fill={style.done} isAnimationActive={false} />
              <Bar dataKey="notDone" name="Mood when not done" fill={style.notDone} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </Box>
      ) : (
        <Typography color="text.secondary" sx={{ py: 2 }}>
          No habit has {report.min_days_each_side} days with a mood on each side yet.
        </Typography>
      )}
      {tooLittle.length > 0 && (
        <List dense aria-label="Habits with too little data">
          {tooLittle.map((h) => (
            <ListItem key={h.habit_id} disableGutters>
              <ListItemText
                primary={
                  <>
                    {h.name} <Chip size="small" label="Too little data" sx={{ ml: 1 }} />
                  </>
                }
                secondary={`${h.done_days} done and ${h.not_done_days} not-done days with a mood; ${report.min_days_each_side} of each needed`}
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}

export function WeekdayChart({ report }: { report: HabitsMoodReport }) {
  const style = useChartStyle();
  const data = report.weekdays.map((d) => ({
    day: WEEKDAYS[d.weekday],
    rate: d.completion_rate === null ? null : Math.round(d.completion_rate * 100),
    mood: d.mood,
  }));
  return (
    <Box role="img" aria-label="Completions and mood by weekday">
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 8, right: 0, left: -16, bottom: 0 }}>
          <CartesianGrid stroke={style.grid} vertical={false} />
          <XAxis dataKey="day" fontSize={12} tick={style.tick} />
          <YAxis yAxisId="rate" domain={[0, 100]} unit="%" fontSize={12} tick={style.tick} />
          <YAxis yAxisId="mood" orientation="right" domain={[0, 5]} fontSize={12} tick={style.tick} />
          <Tooltip {...style.tooltip} />
          <Legend />
          <Bar yAxisId="rate" dataKey="rate" name="Done (%)" fill={style.done} isAnimationActive={false} />
          <Bar yAxisId="mood" dataKey="mood" name="Mood" fill={style.mood} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}
