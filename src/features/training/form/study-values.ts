/** The values the GAN study searched for each hyperparameter, offered as suggestions in the run form. */

export const STUDY_VALUES = {
  filters: [16, 32, 64, 128],
  learningRate: [0.00004, 0.00005, 0.0001, 0.0002, 0.001],
  initGain: [0.01, 0.02, 0.1, 1],
  gradientPenalty: [0, 0.1, 1, 10],
  weightClip: [0, 0.01, 0.1],
  featureMatching: [0, 1, 10],
  vggPerceptual: [0, 1, 10],
} as const;

export const ACTIVATION_TITLES = { relu: 'ReLU', 'leaky-relu': 'LeakyReLU (0.2)', elu: 'ELU', selu: 'SELU' } as const;
export const NORMALIZATION_TITLES = { batch: 'BatchNorm', instance: 'InstanceNorm', none: 'None' } as const;
export const INIT_TITLES = {
  normal: 'Normal N(0, gain²)',
  'xavier-normal': 'Xavier (Glorot) normal',
  'xavier-uniform': 'Xavier (Glorot) uniform',
  kaiming: 'Kaiming He normal',
} as const;
export const POLICY_TITLES = { color: 'Colour', translation: 'Translation', cutout: 'Cutout' } as const;

export function optionsOf<T extends string>(titles: Record<T, string>): { value: T; title: string }[] {
  return (Object.entries(titles) as [T, string][]).map(([value, title]) => ({ value, title }));
}
