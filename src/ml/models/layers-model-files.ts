/** The folder form of a serialized layers model, free of TensorFlow.js so the page can export it. */

import type { SerializedModel } from '../training/checkpoint-format';

/** The files `tf.loadLayersModel` reads from a folder: a `model.json` naming one weight file, and `weights.bin`. */
export function layersModelFiles(model: SerializedModel): { modelJson: string; weights: Uint8Array } {
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'GAN Lab for medical imaging',
    convertedBy: null,
    modelTopology: model.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: model.weightSpecs }],
  };
  return { modelJson: JSON.stringify(modelJson), weights: new Uint8Array(model.weightData) };
}
