/**
 * The checkpoint export format, shared by the browser and the command line:
 * one zip holding each network as a TensorFlow.js layers model (`model.json`
 * with its weights manifest, plus `weights.bin`), the optimizer states and a
 * `run.json` with the run configuration and the resume state.
 *
 *   run.json
 *   generator/model.json        generator/weights.bin
 *   discriminator/model.json    discriminator/weights.bin
 *   optimizer/generator.json    optimizer/generator.bin
 *   optimizer/discriminator.json optimizer/discriminator.bin
 */

import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type * as tf from '@tensorflow/tfjs';
import { LabError } from '../../core/errors';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint, type SerializedModel, type SerializedWeights } from './checkpoint-format';
import { layersModelFiles } from '../models/layers-model-files';
import { validateRunConfig } from './validate';

export interface RunDescription {
  /** Name the run had where it was exported. */
  name: string;
  /** Dataset it trained on, so an import can find the matching one. */
  datasetName: string;
}

type RunJson = Omit<Checkpoint, 'generator' | 'discriminator' | 'optimizers'> & { run: RunDescription };

export function checkpointToZip(checkpoint: Checkpoint, run: RunDescription): Uint8Array {
  const { generator, discriminator, optimizers, ...state } = checkpoint;
  const runJson: RunJson = { ...state, run };
  const files: Zippable = {
    'run.json': strToU8(JSON.stringify(runJson, null, 2)),
    ...networkFiles('generator', generator),
    ...networkFiles('discriminator', discriminator),
    ...optimizerFiles('generator', optimizers.generator),
    ...optimizerFiles('discriminator', optimizers.discriminator),
  };
  return zipSync(files, { level: 6 });
}

function networkFiles(name: string, model: SerializedModel): Zippable {
  const { modelJson, weights } = layersModelFiles(model);
  return { [`${name}/model.json`]: strToU8(modelJson), [`${name}/weights.bin`]: weights };
}

function optimizerFiles(name: string, weights: SerializedWeights): Zippable {
  return {
    [`optimizer/${name}.json`]: strToU8(JSON.stringify({ specs: weights.specs })),
    [`optimizer/${name}.bin`]: new Uint8Array(weights.data),
  };
}

/** Reads an exported checkpoint; `source` names the file in error messages. */
export function checkpointFromZip(bytes: Uint8Array, source: string): { checkpoint: Checkpoint; run: RunDescription } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw invalid(source, `it is not a readable zip archive (${error instanceof Error ? error.message : String(error)})`);
  }
  const entry = (path: string): Uint8Array => {
    const file = files[path] ?? Object.entries(files).find(([name]) => name.endsWith(`/${path}`))?.[1];
    if (!file) throw invalid(source, `${path} is missing from the archive`);
    return file;
  };
  const json = <T>(path: string): T => {
    try {
      return JSON.parse(strFromU8(entry(path))) as T;
    } catch (error) {
      if (error instanceof LabError) throw error;
      throw invalid(source, `${path} is not valid JSON`);
    }
  };

  const { run, ...state } = json<RunJson>('run.json');
  if (state.format !== CHECKPOINT_FORMAT || state.version !== CHECKPOINT_VERSION) {
    throw invalid(source, `run.json has format ${String(state.format)} version ${String(state.version)}, expected ${CHECKPOINT_FORMAT} version ${CHECKPOINT_VERSION}`);
  }
  validateRunConfig(state.config);
  const network = (name: string): SerializedModel => {
    const model = json<{ modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }>(`${name}/model.json`);
    return { modelTopology: model.modelTopology, weightSpecs: model.weightsManifest.flatMap((group) => group.weights), weightData: copyBuffer(entry(`${name}/weights.bin`)) };
  };
  const optimizer = (name: string): SerializedWeights => ({
    specs: json<{ specs: tf.io.WeightsManifestEntry[] }>(`optimizer/${name}.json`).specs,
    data: copyBuffer(entry(`optimizer/${name}.bin`)),
  });
  const checkpoint: Checkpoint = {
    ...state,
    generator: network('generator'),
    discriminator: network('discriminator'),
    optimizers: { generator: optimizer('generator'), discriminator: optimizer('discriminator') },
  };
  return { checkpoint, run };
}

function copyBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

function invalid(source: string, problem: string): LabError {
  return new LabError('corrupt-file', `${problem}, so it cannot be imported as a checkpoint`, {
    file: source,
    hint: 'Import a .zip exported by the lab or written by `npm run cli -- train`.',
  });
}
