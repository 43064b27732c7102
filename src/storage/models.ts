/** The cache of feature-extractor weights (VGG-19 now, Inception later), keyed by SHA-256. */

import { LabError } from '../core/errors';
import type { StoredModel } from '../ml/models/model-artifacts';
import { guardStorage, type LabDatabase } from './db';
import type { ModelRecord } from './schema';

export function putModel(db: LabDatabase, model: StoredModel, role: string, origin: string, featureLayer?: string): Promise<ModelRecord> {
  return guardStorage(`the ${role} weights`, async () => {
    const record: ModelRecord = { ...model, role, origin, featureLayer, addedAt: new Date().toISOString() };
    await db.put('models', record);
    return record;
  });
}

export async function listModels(db: LabDatabase, role: string): Promise<ModelRecord[]> {
  return (await db.getAll('models')).filter((model) => model.role === role);
}

export async function getModel(db: LabDatabase, sha256: string): Promise<ModelRecord> {
  const model = await db.get('models', sha256);
  if (!model) {
    throw new LabError('not-found', `the model with SHA-256 ${sha256.slice(0, 12)}… is not in this browser's model cache`, {
      hint: 'Load the weights again in the run form.',
    });
  }
  return model;
}
