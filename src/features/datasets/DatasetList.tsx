import { useLabStore } from '../../state/store';

/** The stored datasets, each opening its page. */
export function DatasetList() {
  const datasets = useLabStore((state) => state.datasets);
  const navigate = useLabStore((state) => state.navigate);

  if (datasets.length === 0) return <p>No dataset is stored yet.</p>;
  return (
    <section aria-labelledby="datasets-heading" className="panel">
      <h2 id="datasets-heading">Datasets</h2>
      <ul className="card-list">
        {datasets.map((dataset) => (
          <li key={dataset.id} className="card">
            <button type="button" className="link" onClick={() => navigate('dataset', { datasetId: dataset.id })}>
              Open {dataset.name}
            </button>
            <span>
              {dataset.sliceCount} slices of {dataset.size} x {dataset.size}, {dataset.subjects} subjects, {dataset.classes.length} classes
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
