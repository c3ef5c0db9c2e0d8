import { Box, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HabitStats, InstanceStatus } from '../../api';
import { STATUS_META } from '../../utils/habitText';
import { formatDate } from '../../utils/time';

const CHART_HEIGHT = 240;

/** The charts' lines, ticks and tooltip in the theme's colours, so they read in light and dark. */
function useChartStyle() {
  const { palette } = useTheme();
  return {
    grid: palette.divider,
    line: palette.primary.main,
    paper: palette.background.paper,
    tick: { fill: palette.text.secondary },
    tooltip: {
      contentStyle: { background: palette.background.paper, border: `1px solid ${palette.divider}`, borderRadius: 8 },
      labelStyle: { color: palette.text.primary },
      itemStyle: { color: palette.text.primary },
    },
    due: palette.mode === 'dark' ? '#4a5550' : '#d8d3c4',
  };
}

function NoData({ children }: { children: string }) {
  return (
    <Box sx={{ height: CHART_HEIGHT, display: 'grid', placeItems: 'center', color: 'text.secondary', textAlign: 'center', px: 2 }}>
      <Typography variant="body2">{children}</Typography>
    </Box>
  );
}

export function StrengthChart({ history }: { history: HabitStats['strength']['history'] }) {
  const style = useChartStyle();
  if (history.length < 2) return <NoData>The strength line appears after a few days of history.</NoData>;
  const data = history.map((p) => ({ date: p.date, score: Math.round(p.score * 100) }));
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <LineChart data={data} margin={{ top: 8, right: 12, left: -16, bottom: 0 }}>
        <CartesianGrid stroke={style.grid} vertical={false} />
        <XAxis dataKey="date" tickFormatter={(d: string) => formatDate(d, { day: 'numeric', month: 'short' })} minTickGap={24} fontSize={12} tick={style.tick} />
        <YAxis domain={[0, 100]} unit="%" fontSize={12} tick={style.tick} />
        <Tooltip {...style.tooltip} labelFormatter={(d) => formatDate(String(d))} formatter={(v) => [`${v}%`, 'Strength']} />
        <Line type="monotone" dataKey="score" stroke={style.line} strokeWidth={2.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function StatusPie({ counts }: { counts: HabitStats['counts'] }) {
  const style = useChartStyle();
  const data = (Object.keys(STATUS_META) as InstanceStatus[])
    .map((status) => ({ status, name: STATUS_META[status].label, value: counts[status] ?? 0 }))
    .filter((d) => d.value > 0);
  if (data.length === 0) return <NoData>No instances yet.</NoData>;
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <PieChart>
        <Pie data={data} dataKey="value" nameKey="name" innerRadius="50%" outerRadius="80%" paddingAngle={data.length > 1 ? 2 : 0} stroke={data.length > 1 ? style.paper : 'none'} isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.status} fill={STATUS_META[d.status].color} />
          ))}
        </Pie>
        <Tooltip {...style.tooltip} />
        <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
      </PieChart>
    </ResponsiveContainer>
  );
}

export function WeekdayBars({ weekdays }: { weekdays: HabitStats['weekdays'] }) {
  const style = useChartStyle();
  if (weekdays.every((w) => w.due === 0)) return <NoData>Nothing was due yet.</NoData>;
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <BarChart data={weekdays} margin={{ top: 8, right: 12, left: -20, bottom: 0 }}>
        <CartesianGrid stroke={style.grid} vertical={false} />
        <XAxis dataKey="name" fontSize={12} tick={style.tick} />
        <YAxis allowDecimals={false} fontSize={12} tick={style.tick} />
        <Tooltip {...style.tooltip} />
        <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="due" name="Due" fill={style.due} radius={[4, 4, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="completed" name="Done" fill={STATUS_META.completed.color} radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
