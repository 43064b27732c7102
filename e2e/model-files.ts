/** Writes small layers models made in the test as model.json + weights.bin, the way a user would drop them. */

import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function writeLayersModel(model: tf.LayersModel, prefix: string): Promise<{ folder: string; files: string[] }> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      writeFileSync(join(folder, 'weights.bin'), new Uint8Array(artifacts.weightData as ArrayBuffer));
      const manifest = [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }];
      writeFileSync(join(folder, 'model.json'), JSON.stringify({ format: 'layers-model', modelTopology: artifacts.modelTopology, weightsManifest: manifest }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return { folder, files: [join(folder, 'model.json'), join(folder, 'weights.bin')] };
}
