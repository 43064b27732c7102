import { useEffect, useState } from 'react';
import { SelectField, TextField } from '../../../components/fields';
import type { ModelReference } from '../../../ml/training/config';
import { openLabDatabase } from '../../../storage/db';
import { listModels } from '../../../storage/models';
import type { ModelRecord } from '../../../storage/schema';
import { loadVggFromFiles, loadVggFromUrl, VGG_ROLE } from './vgg-weights';

interface VggWeightsFieldProps {
  value: ModelReference | null;
  onChange(value: ModelReference | null): void;
}

/** Chooses cached VGG-19 weights, or adds them from dropped files or a URL. */
export function VggWeightsField({ value, onChange }: VggWeightsFieldProps) {
  const [models, setModels] = useState<ModelRecord[]>([]);
  const [url, setUrl] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'info'; message: string } | null>(null);

  const refresh = async () => setModels(await listModels(await openLabDatabase(), VGG_ROLE));
  useEffect(() => {
    void refresh();
  }, []);

  const adopt = async (load: () => Promise<ModelRecord>) => {
    setStatus({ kind: 'info', message: 'Loading VGG-19 weights…' });
    try {
      const model = await load();
      await refresh();
      onChange({ name: model.name, sha256: model.sha256 });
      setStatus({ kind: 'info', message: `Loaded ${model.name} (SHA-256 ${model.sha256.slice(0, 12)}…).` });
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="vgg-weights">
      <SelectField<string>
        label="VGG-19 weights"
        value={value?.sha256 ?? ''}
        options={[{ value: '', title: 'None loaded' }, ...models.map((m) => ({ value: m.sha256, title: `${m.name} (${m.sha256.slice(0, 8)})` }))]}
        onChange={(sha256) => {
          const model = models.find((m) => m.sha256 === sha256);
          onChange(model ? { name: model.name, sha256: model.sha256 } : null);
        }}
      />
      <label className="file-button">
        <span>Load VGG-19 files…</span>
        <input
          type="file"
          multiple
          accept=".json,.bin"
          aria-label="Load VGG-19 weights"
          onChange={(event) => {
            const files = Array.from(event.currentTarget.files ?? []);
            event.currentTarget.value = '';
            if (files.length > 0) void adopt(() => loadVggFromFiles(files));
          }}
        />
      </label>
      <TextField label="VGG-19 weights URL" value={url} placeholder="https://…/model.json" onChange={setUrl} />
      <button type="button" disabled={!url} onClick={() => void adopt(() => loadVggFromUrl(url))}>
        Load from URL
      </button>
      {status && (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'field-error' : 'field-note'}>
          {status.message}
        </p>
      )}
    </div>
  );
}
