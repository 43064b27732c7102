import { useEffect, useState } from 'react';
import { filesFromDataTransfer } from '../features/datasets/collect-files';
import { startIngest } from '../features/datasets/ingest-client';
import { useLabStore } from '../state/store';

/** Makes the whole page a drop target for dataset folders, with a visible hint while dragging. */
export function DropTarget() {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const over = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!event.dataTransfer) return;
      event.preventDefault();
      setDragging(false);
      const { ingest, ingestOptions, showNotice } = useLabStore.getState();
      if (ingest?.status === 'running') {
        showNotice({ kind: 'info', message: `Wait until ${ingest.name} is added, or cancel it, then drop again.` });
        return;
      }
      void filesFromDataTransfer(event.dataTransfer).then((folder) => {
        if (folder.files.length > 0) startIngest(folder, ingestOptions);
      });
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return dragging ? (
    <div className="drop-overlay" role="presentation">
      Drop a folder of scans and masks to add it as a dataset
    </div>
  ) : null;
}
