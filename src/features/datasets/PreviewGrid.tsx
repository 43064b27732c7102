import { useEffect, useState } from 'react';
import { SliceCanvas } from '../../components/SliceCanvas';
import type { DatasetRecord } from '../../storage/dataset-record';
import { classLookup } from '../../ml/data/assemble';
import { previewSlices } from '../../storage/datasets';
import { openLabDatabase } from '../../storage/db';
import type { SliceRecord } from '../../storage/schema';
import { baseName } from '../../io/input-file';

const PREVIEW_COUNT = 24;

/** Slices spread over the dataset with their masks overlaid, to check orientation, windowing and pairing. */
export function PreviewGrid({ dataset }: { dataset: DatasetRecord }) {
  const [slices, setSlices] = useState<SliceRecord[]>([]);
  const [overlay, setOverlay] = useState(true);

  useEffect(() => {
    let current = true;
    void openLabDatabase()
      .then((db) => previewSlices(db, dataset, PREVIEW_COUNT))
      .then((picked) => current && setSlices(picked));
    return () => {
      current = false;
    };
  }, [dataset]);

  const lookup = classLookup(dataset.classes);
  return (
    <section aria-labelledby="preview-heading" className="panel">
      <h2 id="preview-heading">Preview</h2>
      <label className="checkbox">
        <input type="checkbox" checked={overlay} onChange={(e) => setOverlay(e.target.checked)} />
        Show masks
      </label>
      <div className="grid" role="list" aria-label="Slice preview">
        {slices.map((slice) => (
          <figure key={`${slice.pairId}#${slice.index}`} role="listitem" className="tile">
            <SliceCanvas
              slice={{ side: dataset.size, channels: dataset.imageChannels, image: slice.image, classIds: slice.labels.map((v) => lookup[v]) }}
              overlay={overlay ? 0.45 : 0}
              label={`Slice ${slice.index} of ${slice.subject}${overlay ? ' with its mask' : ''}`}
            />
            <figcaption>
              {captionOf(slice.pairId, slice.subject)} #{slice.index}
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}

/** Names a slice by its image file where that names the subject too (ACDC's patientNNN_frameMM), so two frames of one patient stay apart. */
function captionOf(pairId: string, subject: string): string {
  const stem = baseName(pairId).replace(/(\.nii\.gz|\.[a-z0-9]+)$/i, '');
  return stem.includes(subject) ? stem : subject;
}
