import { formatPercent } from '../../components/format';
import type { FidelityRecord } from '../../ml/metrics/fidelity-record';

/** Every fidelity record of a run with what it was computed from and what it cost. */
export function FidelityTable({ records }: { records: FidelityRecord[] }) {
  if (records.length === 0) return <p>No fidelity metric has been computed for this run yet.</p>;
  return (
    <table aria-label="Fidelity metrics">
      <caption>Fidelity metrics ({records.length})</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Extractor</th>
          <th scope="col">Real / generated</th>
          <th scope="col">FID</th>
          <th scope="col">KID</th>
          <th scope="col">Precision</th>
          <th scope="col">Recall</th>
          <th scope="col">Memorised</th>
          <th scope="col">Seconds</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => (
          <tr key={`${r.step}:${r.extractorId}`}>
            <td>
              {r.step} ({r.mode})
            </td>
            <td title={`${r.extractor.recipe}; weights SHA-256 ${r.extractor.weightsSha256}`}>{r.extractor.name}</td>
            <td>
              {r.reference.count} / {r.generatedCount}
            </td>
            <td>
              {r.fid ? r.fid.value.toFixed(2) : '–'}
              {r.fid?.warnings.map((warning) => (
                <span key={warning} className="field-note" role="note">
                  {' '}
                  ⚠ {warning}
                </span>
              ))}
            </td>
            <td>{r.kid ? `${r.kid.mean.toFixed(4)} ± ${r.kid.std.toFixed(4)}` : '–'}</td>
            <td>{r.precisionRecall ? r.precisionRecall.precision.toFixed(3) : '–'}</td>
            <td>{r.precisionRecall ? r.precisionRecall.recall.toFixed(3) : '–'}</td>
            <td>
              {r.memorization
                ? r.memorization.map((m) => `${m.space}: ${formatPercent(m.closerThanAnyTest)}`).join(', ')
                : '–'}
            </td>
            <td>{r.seconds.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
