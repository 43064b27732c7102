import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricRecord } from '../storage/schema';

/** Most points drawn per curve; longer histories are thinned evenly, keeping the newest point. */
const MAX_POINTS = 400;

const SERIES: { key: string; name: string; colour: string }[] = [
  { key: 'Loss/D', name: 'Discriminator', colour: '#0072b2' },
  { key: 'Loss/G', name: 'Generator', colour: '#d55e00' },
];

export function thinPoints<T>(points: T[], maxPoints = MAX_POINTS): T[] {
  if (points.length <= maxPoints) return points;
  const stride = points.length / maxPoints;
  const thinned = Array.from({ length: maxPoints - 1 }, (_, i) => points[Math.floor(i * stride)]);
  thinned.push(points[points.length - 1]);
  return thinned;
}

interface LossChartProps {
  metrics: MetricRecord[];
}

/** Generator and discriminator loss against the generator step. */
export function LossChart({ metrics }: LossChartProps) {
  const data = thinPoints(metrics).map((m) => ({ step: m.step, ...m.losses }));
  return (
    <figure className="chart" aria-label="Loss curves">
      <figcaption>Losses per generator step</figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
          <YAxis width={56} />
          <Tooltip />
          <Legend />
          {SERIES.map((series) => (
            <Line
              key={series.key}
              dataKey={series.key}
              name={series.name}
              stroke={series.colour}
              dot={data.length < 40}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
