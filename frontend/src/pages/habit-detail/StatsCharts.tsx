import { Box, Typography } from '@mui/material';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HabitStats, InstanceStatus } from '../../api';
import { STATUS_META } from '../../utils/habitText';
import { formatDate } from '../../utils/time';

const CHART_HEIGHT = 240;

function NoData({ children }: { children: string }) {
  return (
    <Box sx={{ height: CHART_HEIGHT, display: 'grid', placeItems: 'center', color: 'text.secondary', textAlign: 'center', px: 2 }}>
      <Typography variant="body2">{children}</Typography>
    </Box>
  );
}

export function StrengthChart({ history }: { history: HabitStats['strength']['history'] }) {
  if (history.length < 2) return <NoData>The strength line appears after a few days of history.</NoData>;
  const data = history.map((p) => ({ date: p.date, score: Math.round(p.score * 100) }));
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <LineChart data={data} margin={{ top: 8, right: 12, left: -16, bottom: 0 }}>
        <CartesianGrid stroke="#eeeae0" vertical={false} />
        <XAxis dataKey="date" tickFormatter={(d: string) => formatDate(d, { day: 'numeric', month: 'short' })} minTickGap={24} fontSize={12} />
        <YAxis domain={[0, 100]} unit="%" fontSize={12} />
        <Tooltip labelFormatter={(d) => formatDate(String(d))} formatter={(v) => [`${v}%`, 'Strength']} />
        <Line type="monotone" dataKey="score" stroke="#2f6f5e" strokeWidth={2.5} dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function StatusPie({ counts }: { counts: HabitStats['counts'] }) {
  const data = (Object.keys(STATUS_META) as InstanceStatus[])
    .map((status) => ({ status, name: STATUS_META[status].label, value: counts[status] ?? 0 }))
    .filter((d) => d.value > 0);
  if (data.length === 0) return <NoData>No instances yet.</NoData>;
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <PieChart>
        <Pie data={data} dataKey="value" nameKey="name" innerRadius="50%" outerRadius="80%" paddingAngle={data.length > 1 ? 2 : 0} stroke={data.length > 1 ? '#fff' : 'none'} isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.status} fill={STATUS_META[d.status].color} />
          ))}
        </Pie>
        <Tooltip />
        <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
      </PieChart>
    </ResponsiveContainer>
  );
}

export function WeekdayBars({ weekdays }: { weekdays: HabitStats['weekdays'] }) {
  if (weekdays.every((w) => w.due === 0)) return <NoData>Nothing was due yet.</NoData>;
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <BarChart data={weekdays} margin={{ top: 8, right: 12, left: -20, bottom: 0 }}>
        <CartesianGrid stroke="#eeeae0" vertical={false} />
        <XAxis dataKey="name" fontSize={12} />
        <YAxis allowDecimals={false} fontSize={12} />
        <Tooltip />
        <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="due" name="Due" fill="#d8d3c4" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="completed" name="Done" fill="#2e9e6b" radius={[4, 4, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
