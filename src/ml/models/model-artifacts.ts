/**
 * TensorFlow.js layers models given as files (a `model.json` and the weight
 * shards its manifest names), from a drop, a URL or the disk: assembled into
 * in-memory artifacts with a SHA-256 that identifies the weights in run
 * configurations and metric records.
 */

import type * as tf from '@tensorflow/tfjs';
import { LabError } from '../../core/errors';

export interface ModelFiles {
  /** Name shown to the user, usually the file or URL it came from. */
  name: string;
  modelJson: string;
  /** Weight shards by the path the manifest uses. */
  shards: Map<string, Uint8Array>;
}

export interface StoredModel {
  name: string;
  sha256: string;
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

interface ModelJson {
  modelTopology?: object;
  format?: string;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

export function parseModelJson(text: string, name: string): ModelJson {
  let json: ModelJson;
  try {
    json = JSON.parse(text) as ModelJson;
  } catch {
    throw invalidModel(name, 'model.json is not valid JSON');
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw invalidModel(name, 'model.json has no modelTopology or weightsManifest, so it is not a TensorFlow.js layers model');
  }
  return json;
}

/** Shard paths in manifest order. */
export function shardPaths(json: ModelJson): string[] {
  return (json.weightsManifest ?? []).flatMap((group) => group.paths);
}

export async function assembleModel(files: ModelFiles): Promise<StoredModel> {
  const json = parseModelJson(files.modelJson, files.name);
  const paths = shardPaths(json);
  const shards = paths.map((path) => {
    const shard = files.shards.get(path) ?? files.shards.get(path.split('/').pop() ?? path);
    if (!shard) throw invalidModel(files.name, `the weight file ${path} named in model.json is missing`);
    return shard;
  });
  const total = shards.reduce((sum, shard) => sum + shard.byteLength, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const shard of shards) {
    weightData.set(shard, offset);
    offset += shard.byteLength;
  }
  return {
    name: files.name,
    sha256: await sha256Hex([new TextEncoder().encode(files.modelJson), weightData]),
    modelTopology: json.modelTopology!,
    weightSpecs: (json.weightsManifest ?? []).flatMap((group) => group.weights),
    weightData: weightData.buffer,
  };
}

export async function sha256Hex(parts: Uint8Array[]): Promise<string> {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  const digest = await crypto.subtle.digest('SHA-256', joined);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function invalidModel(name: string, problem: string): LabError {
  return new LabError('corrupt-file', problem, {
    file: name,
    hint: 'Give the model.json of a TensorFlow.js layers model together with its weight files (for example from tensorflowjs_converter).',
  });
}
