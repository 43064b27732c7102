/** Cached feature-extractor weights as TensorFlow.js models, inside a worker. */

import * as tf from '@tensorflow/tfjs';
import { PerceptualNetwork } from '../ml/losses/perceptual';
import type { RunConfig } from '../ml/training/config';
import type { LabDatabase } from '../storage/db';
import { getModel } from '../storage/models';

/** Loads a cached model as a layers model on the current backend. */
export async function loadCachedModel(db: LabDatabase, sha256: string): Promise<tf.LayersModel> {
  const model = await getModel(db, sha256);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs: model.weightSpecs, weightData: model.weightData }));
}

/** The VGG network of a run's perceptual term, or null when the term is off. */
export async function perceptualNetworkFor(db: LabDatabase, config: RunConfig): Promise<PerceptualNetwork | null> {
  if (config.vggPerceptual <= 0 || !config.perceptualModel) return null;
  return new PerceptualNetwork(await loadCachedModel(db, config.perceptualModel.sha256));
}
