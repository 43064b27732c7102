/**
 * Layers models to and from the serialized form the lab stores and exports:
 * topology JSON, weight manifest and one weight buffer, as `model.json` plus
 * `weights.bin` when written as files.
 */

import * as tf from '@tensorflow/tfjs';
import type { SerializedModel } from '../training/checkpoint-format';
import { joinWeightData } from '../training/optimizers';

export async function serializeLayersModel(model: tf.LayersModel): Promise<SerializedModel> {
  let saved: SerializedModel | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = {
        modelTopology: artifacts.modelTopology as object,
        weightSpecs: artifacts.weightSpecs ?? [],
        weightData: joinWeightData(artifacts.weightData ?? new ArrayBuffer(0)),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved!;
}

export async function deserializeLayersModel(model: SerializedModel): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs: model.weightSpecs, weightData: model.weightData }));
}

export { layersModelFiles } from './layers-model-files';
