import { DatasetPage } from '../features/datasets/DatasetPage';
import { DatasetsPage } from '../features/datasets/DatasetsPage';
import { ExperimentsPage } from '../features/experiments/ExperimentsPage';
import { MetricsPage } from '../features/metrics/MetricsPage';
import { RunsPage } from '../features/runs/RunsPage';
import { TrainingPage } from '../features/training/TrainingPage';
import { useLabStore, type Page } from '../state/store';
import { DropTarget } from './DropTarget';
import { ErrorBoundary } from './ErrorBoundary';
import { Notice } from './Notice';

const TABS: { page: Page; title: string }[] = [
  { page: 'datasets', title: 'Datasets' },
  { page: 'training', title: 'Training' },
  { page: 'runs', title: 'Runs' },
  { page: 'metrics', title: 'Metrics' },
  { page: 'experiments', title: 'Experiments' },
];

export function App() {
  const page = useLabStore((state) => state.page);
  const navigate = useLabStore((state) => state.navigate);
  return (
    <>
      <header className="app-header">
        <span className="brand">GAN Lab · medical imaging</span>
        <nav aria-label="Main">
          {TABS.map((tab) => (
            <button
              key={tab.page}
              type="button"
              aria-current={page === tab.page || (page === 'dataset' && tab.page === 'datasets') ? 'page' : undefined}
              onClick={() => navigate(tab.page)}
            >
              {tab.title}
            </button>
          ))}
        </nav>
      </header>
      <Notice />
      <main>
        <ErrorBoundary key={page}>
          {page === 'datasets' && <DatasetsPage />}
          {page === 'dataset' && <DatasetPage />}
          {page === 'training' && <TrainingPage />}
          {page === 'runs' && <RunsPage />}
          {page === 'metrics' && <MetricsPage />}
          {page === 'experiments' && <ExperimentsPage />}
        </ErrorBoundary>
      </main>
      <DropTarget />
    </>
  );
}
