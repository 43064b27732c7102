import { formatPercent } from '../../components/format';
import { classColour } from '../../components/slice-render';
import type { DatasetRecord } from '../../storage/dataset-record';

/** Counts, classes with their mask values and pixel shares, and the split. */
export function DatasetSummary({ dataset }: { dataset: DatasetRecord }) {
  const { report } = dataset;
  const modalities = [...new Set(report.pairs.map((p) => p.modality))].join(', ') || 'MRI (phantom)';
  return (
    <section aria-labelledby="summary-heading" className="panel">
      <h2 id="summary-heading">Summary</h2>
      <dl className="summary">
        <dt>Subjects</dt>
        <dd>{dataset.subjects}</dd>
        <dt>Slices</dt>
        <dd>
          {dataset.sliceCount} ({dataset.trainSlices} train, {dataset.testSlices} test)
        </dd>
        <dt>Size</dt>
        <dd>
          {dataset.size} x {dataset.size} px, {dataset.imageChannels === 3 ? 'RGB' : 'grayscale'}
        </dd>
        <dt>Intensities</dt>
        <dd>{modalities}</dd>
        <dt>Split</dt>
        <dd>
          by {dataset.split.unit}, seed {dataset.split.seed}: {dataset.split.train.length} train, {dataset.split.test.length} test
          {dataset.split.unit === 'slice' ? ' (a single subject, so slices were split)' : ''}
        </dd>
      </dl>
      <table>
        <caption>Classes ({report.classSource === 'declared' ? 'declared' : 'found in the masks'})</caption>
        <thead>
          <tr>
            <th scope="col">Class id</th>
            <th scope="col">Mask value</th>
            <th scope="col">Name</th>
            <th scope="col">Pixels</th>
          </tr>
        </thead>
        <tbody>
          {dataset.classes.map((info) => (
            <tr key={info.id}>
              <td>
                {info.id > 0 && <span className="swatch" style={{ background: `rgb(${classColour(info.id).join(',')})` }} aria-hidden />}
                {info.id}
              </td>
              <td>{info.rawValue}</td>
              <td>{info.name}</td>
              <td>{formatPercent(info.pixelFraction)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
