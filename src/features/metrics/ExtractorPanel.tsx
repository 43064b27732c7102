import { useState } from 'react';
import { TextField } from '../../components/fields';
import { describeExtractorRef, extractorRefOf } from '../../ml/metrics/extractor-refs';
import { useLabStore } from '../../state/store';
import { addExtractor } from './extractor-actions';

/** The cached feature extractors, and the ways to add one: Inception weights or any layers model with a layer. */
export function ExtractorPanel() {
  const extractors = useLabStore((state) => state.extractors);
  const [layer, setLayer] = useState('');
  const [url, setUrl] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'info'; message: string } | null>(null);

  const add = async (source: { files: File[] } | { url: string }, featureLayer?: string) => {
    setStatus({ kind: 'info', message: 'Reading the weights…' });
    try {
      const model = await addExtractor(source, featureLayer);
      setStatus({ kind: 'info', message: `Added ${model.name} (SHA-256 ${model.sha256.slice(0, 12)}…).` });
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const pick = (input: HTMLInputElement, featureLayer?: string) => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length > 0) void add({ files }, featureLayer);
  };

  return (
    <section aria-labelledby="extractors-heading" className="panel">
      <h2 id="extractors-heading">Feature extractors</h2>
      <p>
        FID and KID compare features of real and generated images. The lab ships no weights: add pytorch-fid&apos;s Inception file
        (<code>pt_inception-2015-12-05-6726825d.pth</code>) once, or any TensorFlow.js layers model with the layer to read.
      </p>
      {extractors.length === 0 ? (
        <p>No extractor is loaded yet, so fidelity metrics are disabled.</p>
      ) : (
        <ul aria-label="Loaded extractors">
          {extractors.map((model) => {
            const ref = extractorRefOf(model);
            return <li key={`${model.sha256}:${model.featureLayer ?? ''}`}>{ref ? describeExtractorRef(ref) : model.name} · SHA-256 {model.sha256.slice(0, 12)}…</li>;
          })}
        </ul>
      )}
      <div className="actions">
        <label className="file-button">
          <span>Load Inception weights…</span>
          <input type="file" accept=".pth,.pt" aria-label="Load Inception weights" onChange={(event) => pick(event.currentTarget)} />
        </label>
        <TextField label="Weights URL" value={url} placeholder="https://…/pt_inception-….pth or …/model.json" onChange={setUrl} />
        <button type="button" disabled={!url} onClick={() => void add({ url }, url.endsWith('.json') ? layer || undefined : undefined)}>
          Load weights from URL
        </button>
      </div>
      <div className="actions">
        <TextField label="Feature layer" value={layer} placeholder="layer name, e.g. block5_pool" onChange={setLayer} />
        <label className="file-button">
          <span>Load a layers model…</span>
          <input
            type="file"
            multiple
            accept=".json,.bin"
            aria-label="Load feature extractor model"
            disabled={!layer}
            onChange={(event) => pick(event.currentTarget, layer)}
          />
        </label>
      </div>
      {status && (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'field-error' : 'field-note'}>
          {status.message}
        </p>
      )}
    </section>
  );
}
