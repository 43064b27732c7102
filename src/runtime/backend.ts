/**
 * Picks the TensorFlow.js backend a worker trains on: WebGPU, then WebGL,
 * then the CPU, recording why each faster one was passed over so the page can
 * say it. Only browser code imports this module (it registers the WebGPU backend).
 */

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { createLogger } from '../core/log';
import { installFastCpuFilterGradient } from '../ml/kernels/cpu-conv-filter-gradient';
import { TRAINING_BACKENDS, type BackendName, type BackendPreference, type BackendReport } from '../protocol/backend';

const log = createLogger('runtime/backend');

installFastCpuFilterGradient();

export async function selectBackend(preference: BackendPreference): Promise<BackendReport> {
  const order = preference === 'auto' ? TRAINING_BACKENDS : [preference, ...TRAINING_BACKENDS.filter((b) => b !== preference)];
  const fallbacks: BackendReport['fallbacks'] = [];
  for (const backend of order) {
    const reason = await unavailableReason(backend);
    if (reason === null) {
      const device = await describeDevice(backend);
      log.info('backend selected', { backend, fallbacks, device });
      return { backend, fallbacks, ...device };
    }
    log.warn('backend unavailable', { backend, reason });
    fallbacks.push({ backend, reason });
  }
  throw new Error(`no TensorFlow.js backend could start: ${fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
}

/** Null when the backend started; otherwise why not. */
async function unavailableReason(backend: BackendName): Promise<string | null> {
  if (backend === 'webgpu') {
    const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
    if (!gpu) return 'navigator.gpu is missing: this browser does not expose WebGPU here';
    const adapter = await gpu.requestAdapter();
    if (!adapter) return 'the browser found no WebGPU adapter (in Chrome, WebGPU may be disabled for this GPU)';
  }
  if (backend === 'webgl' && typeof OffscreenCanvas === 'undefined' && typeof document === 'undefined') {
    return 'this worker has no OffscreenCanvas for WebGL';
  }
  try {
    const started = await tf.setBackend(backend);
    if (!started) return `TensorFlow.js could not initialise the ${backend} backend`;
    await tf.ready();
    tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)).dataSync());
    return null;
  } catch (error) {
    return `initialisation failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function describeDevice(backend: BackendName): Promise<{ device?: string; software?: boolean }> {
  if (backend !== 'webgpu') return {};
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return {};
  const info = adapter.info;
  const device = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  const software = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true || /swiftshader/i.test(device);
  return { device, software };
}
