/** Names of the TensorFlow.js backends the lab trains on, in the order it tries them. */

export const TRAINING_BACKENDS = ['webgpu', 'webgl', 'cpu'] as const;
export type BackendName = (typeof TRAINING_BACKENDS)[number];

/** `auto` tries every backend in order; a name tries only that one, then falls back. */
export type BackendPreference = 'auto' | BackendName;

export interface BackendReport {
  backend: BackendName;
  /** Backends tried before and why each was passed over. */
  fallbacks: { backend: BackendName; reason: string }[];
  /** Adapter or renderer description, when the backend exposes one. */
  device?: string;
  /** Set when the adapter is a software fallback (SwiftShader), which is slow. */
  software?: boolean;
}
