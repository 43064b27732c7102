/** The custom layers of both networks; importing this module registers them for model loading. */
export { GanActivation, activate, leakyRelu, elu, selu, LEAKY_SLOPE, type LayerActivation } from './activation';
export { GanConv2D } from './conv';
export { GanDense } from './dense';
export { GanNormalization } from './normalization';
export { initialWeights, type WeightInit } from './initializer';
export { kernelMatrix, spectralNormEstimate } from './spectral-norm';
