/**
 * Feature extractors inside a worker: built from the model cache, and added
 * to it from dropped files or a URL. pytorch-fid's Inception weights are
 * kept as the `.pth` file itself; other extractors as TensorFlow.js layers
 * models with the layer to read.
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../core/errors';
import type { FeatureExtractor } from '../ml/metrics/extractor';
import { EXTRACTOR_ROLE, INCEPTION_ROLE, type CachedModelSummary } from '../ml/metrics/extractor-refs';
import type { ExtractorRef } from '../ml/metrics/fidelity-record';
import { inceptionExtractorFromCheckpoint } from '../ml/metrics/inception-extractor';
import { loadFidInception } from '../ml/metrics/inception/fid-inception';
import { readTorchCheckpoint } from '../ml/metrics/inception/torch-checkpoint';
import { layerExtractor } from '../ml/metrics/layer-extractor';
import { assembleModel, parseModelJson, sha256Hex, shardPaths, type StoredModel } from '../ml/models/model-artifacts';
import type { LabDatabase } from '../storage/db';
import { getModel, putModel } from '../storage/models';

/** Marks a cached record whose weight data is a PyTorch checkpoint file, not layers-model weights. */
const TORCH_CHECKPOINT_FORMAT = { format: 'torch-checkpoint', architecture: 'pytorch-fid-inception-v3' };

export async function buildExtractor(db: LabDatabase, ref: ExtractorRef): Promise<FeatureExtractor> {
  const model = await getModel(db, ref.sha256);
  if (ref.kind === 'inception') {
    return inceptionExtractorFromCheckpoint(new Uint8Array(model.weightData), model.name, model.sha256);
  }
  const layers = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs: model.weightSpecs, weightData: model.weightData }));
  return layerExtractor(layers, { layer: ref.layer, name: model.name, weightsSha256: model.sha256 });
}

interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export async function importExtractorModel(db: LabDatabase, source: { files: File[] } | { url: string }, layer?: string): Promise<CachedModelSummary> {
  const files = 'files' in source ? await readFiles(source.files) : await fetchModelFiles(source.url);
  const origin = 'url' in source ? source.url : files.map((f) => f.name).join(', ');
  const checkpoint = files.find((f) => /\.(pth|pt)$/i.test(f.name));
  if (checkpoint) return importInception(db, checkpoint, origin);

  if (!layer) {
    throw new LabError('invalid-argument', 'a layers model needs the name of the layer to read features from', {
      field: 'layer',
      hint: 'Type the layer name (for example the last pooling layer), then load the model again.',
    });
  }
  const stored = await assembleLayersModel(files);
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: stored.modelTopology, weightSpecs: stored.weightSpecs, weightData: stored.weightData }));
  layerExtractor(model, { layer, name: stored.name, weightsSha256: stored.sha256 }).dispose();
  const record = await putModel(db, stored, EXTRACTOR_ROLE, origin, layer);
  return { name: record.name, sha256: record.sha256, role: record.role, featureLayer: record.featureLayer };
}

/** Checks the whole pytorch-fid layout before caching, so a wrong file fails now, not at the first evaluation. */
async function importInception(db: LabDatabase, file: NamedBytes, origin: string): Promise<CachedModelSummary> {
  loadFidInception(readTorchCheckpoint(file.bytes, file.name), { file: file.name }).dispose();
  const stored: StoredModel = {
    name: file.name,
    sha256: await sha256Hex([file.bytes]),
    modelTopology: TORCH_CHECKPOINT_FORMAT,
    weightSpecs: [],
    weightData: file.bytes.slice().buffer,
  };
  const record = await putModel(db, stored, INCEPTION_ROLE, origin);
  return { name: record.name, sha256: record.sha256, role: record.role };
}

async function assembleLayersModel(files: NamedBytes[]): Promise<StoredModel> {
  const json = files.find((f) => f.name.endsWith('.json'));
  if (!json) {
    throw new LabError('missing-companion', `none of ${files.map((f) => f.name).join(', ')} is a model.json or a .pth file`, {
      hint: 'Give pytorch-fid\u2019s .pth file, or a TensorFlow.js model.json with its weight files.',
    });
  }
  const shards = new Map(files.filter((f) => f !== json).map((f) => [f.name, f.bytes]));
  return assembleModel({ name: json.name, modelJson: new TextDecoder().decode(json.bytes), shards });
}

async function readFiles(files: File[]): Promise<NamedBytes[]> {
  return Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

async function fetchModelFiles(url: string): Promise<NamedBytes[]> {
  const name = new URL(url).pathname.split('/').pop() || url;
  const first = { name, bytes: await fetchBytes(url) };
  if (!name.endsWith('.json')) return [first];
  const paths = shardPaths(parseModelJson(new TextDecoder().decode(first.bytes), url));
  const shards = await Promise.all(paths.map(async (path) => ({ name: path, bytes: await fetchBytes(new URL(path, url).href) })));
  return [first, ...shards];
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new LabError('not-found', `fetching ${url} failed (${error instanceof Error ? error.message : String(error)})`, {
      hint: 'Check the address and that the server allows this page to read it (CORS), or drop the file instead.',
    });
  }
  if (!response.ok) throw new LabError('not-found', `fetching ${url} failed with HTTP ${response.status}`, { hint: 'Check the address, or drop the file instead.' });
  return new Uint8Array(await response.arrayBuffer());
}
