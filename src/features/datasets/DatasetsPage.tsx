import { DatasetList } from './DatasetList';
import { ImportPanel } from './ImportPanel';

export function DatasetsPage() {
  return (
    <>
      <ImportPanel />
      <DatasetList />
    </>
  );
}
