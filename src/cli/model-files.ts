/** Loads a TensorFlow.js layers model from a model.json on disk and its weight files beside it. */

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LabError } from '../core/errors';
import { readInputFile } from './input-file';
import { assembleModel, parseModelJson, shardPaths, type StoredModel } from '../ml/models/model-artifacts';

export async function readModelFiles(modelJsonPath: string, option: string): Promise<StoredModel> {
  let text: string;
  try {
    text = await readFile(modelJsonPath, 'utf8');
  } catch (error) {
    throw new LabError('not-found', `cannot read ${modelJsonPath} (${error instanceof Error ? error.message : String(error)})`, {
      field: option,
      hint: 'Give the path of the model.json of a TensorFlow.js layers model.',
    });
  }
  const shards = new Map<string, Uint8Array>();
  for (const path of shardPaths(parseModelJson(text, modelJsonPath))) {
    const hint = `Put the weight files that ${modelJsonPath} lists beside it.`;
    shards.set(path, await readInputFile(join(dirname(modelJsonPath), path), option, hint));
  }
  return assembleModel({ name: modelJsonPath, modelJson: text, shards });
}
