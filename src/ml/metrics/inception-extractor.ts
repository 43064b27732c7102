/**
 * pytorch-fid's Inception-v3 as a feature extractor: 2048-d pool3 features
 * of images resized to 299 x 299, the features FID is defined on.
 */

import type { ExtractorInfo, FeatureExtractor } from './extractor';
import { loadFidInception, type FidInception } from './inception/fid-inception';
import { readTorchCheckpoint } from './inception/torch-checkpoint';

export const INCEPTION_RECIPE =
  'grayscale repeated to 3 channels; bilinear resize to 299 x 299 (align_corners=False, no antialiasing); values in [-1, 1] as pytorch-fid normalises them';

export function inceptionExtractor(network: FidInception, weightsSha256: string): FeatureExtractor {
  const info: ExtractorInfo = {
    id: `inception-pool3:${weightsSha256.slice(0, 16)}`,
    name: 'Inception-v3 pool3 (pytorch-fid)',
    weightsSha256,
    layer: 'pool3',
    dimension: network.featureSize,
    recipe: INCEPTION_RECIPE,
  };
  return { info, extract: (images) => network.features(images), dispose: () => network.dispose() };
}

/** Builds the extractor from the bytes of pytorch-fid's weights file (`pt_inception-2015-12-05-6726825d.pth`). */
export function inceptionExtractorFromCheckpoint(bytes: Uint8Array, file: string, weightsSha256: string, divisor = 1): FeatureExtractor {
  return inceptionExtractor(loadFidInception(readTorchCheckpoint(bytes, file), { divisor, file }), weightsSha256);
}
