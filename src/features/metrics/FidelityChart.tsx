import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FidelityRecord } from '../../ml/metrics/fidelity-record';

/** FID and KID (x 1000) against the generator step, one line each. */
export function FidelityChart({ records }: { records: FidelityRecord[] }) {
  const data = records.filter((r) => r.fid || r.kid).map((r) => ({ step: r.step, FID: r.fid?.value, 'KID x 1000': r.kid ? r.kid.mean * 1000 : undefined }));
  return (
    <figure className="chart" aria-label="FID curve">
      <figcaption>FID and KID per generator step</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} />
          <YAxis width={56} />
          <Tooltip />
          <Legend />
          <Line dataKey="FID" stroke="#009e73" dot isAnimationActive={false} connectNulls />
          <Line dataKey="KID x 1000" stroke="#cc79a7" dot isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
