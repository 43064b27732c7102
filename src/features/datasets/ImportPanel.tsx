import { useState } from 'react';
import { SelectField } from '../../components/fields';
import { DEFAULT_INGEST_OPTIONS, SLICE_SIZES, type IngestOptions } from '../../preprocess/slice-dataset';
import { useLabStore } from '../../state/store';
import { filesFromInput } from './collect-files';
import { IngestOptionsForm } from './IngestOptionsForm';
import { IngestProgress } from './IngestProgress';
import { startIngest, startPhantom } from './ingest-client';

/** Adding data: the preprocessing options, the folder picker and the built-in phantom. */
export function ImportPanel() {
  const ingest = useLabStore((state) => state.ingest);
  const options = useLabStore((state) => state.ingestOptions);
  const setOptions = useLabStore((state) => state.setIngestOptions);
  const [phantomSize, setPhantomSize] = useState<number>(DEFAULT_INGEST_OPTIONS.size);
  const busy = ingest?.status === 'running';

  return (
    <section aria-labelledby="import-heading" className="panel">
      <h2 id="import-heading">Add a dataset</h2>
      <p>
        Drop a folder of scans with masks anywhere on this page, or pick one. NIfTI, MetaImage, PNG, JPEG, TIFF, GIF and BMP
        are read; ACDC, SLiver07, IDRiD, DRIVE and CHASE_DB1 layouts and images/masks folders are paired automatically.
      </p>
      <IngestOptionsForm value={options} onChange={(next: IngestOptions) => setOptions(next)} />
      <div className="actions">
        <label className="file-button">
          <span>Add dataset folder</span>
          <input
            type="file"
            disabled={busy}
            multiple
            {...{ webkitdirectory: '', directory: '' }}
            onChange={(event) => {
              const list = event.currentTarget.files;
              if (list && list.length > 0) startIngest(filesFromInput(list), options);
              event.currentTarget.value = '';
            }}
          />
        </label>
        <SelectField<number> label="Phantom size" value={phantomSize} options={SLICE_SIZES.map((size) => ({ value: size, title: `${size} x ${size}` }))} onChange={setPhantomSize} />
        <button type="button" disabled={busy} onClick={() => startPhantom(phantomSize, options.seed)}>
          Generate cardiac phantom
        </button>
      </div>
      {ingest && <IngestProgress job={ingest} />}
    </section>
  );
}
