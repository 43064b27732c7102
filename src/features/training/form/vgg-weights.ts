/**
 * Adding VGG-19 weights to the model cache: from dropped files (model.json
 * and its weight shards) or from the URL of a model.json, whose shards are
 * fetched relative to it. The lab never downloads weights by itself.
 */

import { LabError } from '../../../core/errors';
import { assembleModel, parseModelJson, shardPaths } from '../../../ml/models/model-artifacts';
import { openLabDatabase } from '../../../storage/db';
import { putModel } from '../../../storage/models';
import type { ModelRecord } from '../../../storage/schema';

export const VGG_ROLE = 'vgg19';

export async function loadVggFromFiles(files: File[]): Promise<ModelRecord> {
  const modelJson = files.find((file) => file.name.endsWith('.json'));
  if (!modelJson) {
    throw new LabError('missing-companion', `none of ${files.map((f) => f.name).join(', ')} is a model.json`, {
      hint: 'Select the model.json of the TensorFlow.js model together with its .bin weight files.',
    });
  }
  const shards = new Map<string, Uint8Array>();
  for (const file of files) if (file !== modelJson) shards.set(file.name, new Uint8Array(await file.arrayBuffer()));
  const model = await assembleModel({ name: modelJson.name, modelJson: await modelJson.text(), shards });
  return putModel(await openLabDatabase(), model, VGG_ROLE, files.map((f) => f.name).join(', '));
}

export async function loadVggFromUrl(url: string): Promise<ModelRecord> {
  const modelJson = await fetchText(url);
  const shards = new Map<string, Uint8Array>();
  for (const path of shardPaths(parseModelJson(modelJson, url))) {
    shards.set(path, new Uint8Array(await fetchBytes(new URL(path, url).href)));
  }
  const model = await assembleModel({ name: url.split('/').slice(-2).join('/'), modelJson, shards });
  return putModel(await openLabDatabase(), model, VGG_ROLE, url);
}

async function fetchResponse(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new LabError('not-found', `fetching ${url} failed (${error instanceof Error ? error.message : String(error)})`, {
      hint: 'Check the address and that the server allows this page to read it (CORS), or load the files instead.',
    });
  }
  if (!response.ok) {
    throw new LabError('not-found', `fetching ${url} failed with HTTP ${response.status}`, { hint: 'Check the address, or load the files instead.' });
  }
  return response;
}

async function fetchText(url: string): Promise<string> {
  return (await fetchResponse(url)).text();
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  return (await fetchResponse(url)).arrayBuffer();
}
