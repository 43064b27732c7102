import * as tf from '@tensorflow/tfjs';
// Registers the WebGPU kernels (the backend itself needs a browser), so that the test below can look them up.
import '@tensorflow/tfjs-backend-webgpu';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LabError } from '../../../core/errors';
import { fidInceptionWeightLayout, loadFidInception, PYTORCH_FID_WEIGHT_LAYOUT, type FidInception } from './fid-inception';
import { readTorchCheckpoint, type TorchTensor } from './torch-checkpoint';

/** Images and pool3 features from the PyTorch network in scripts/reference/inception_reference.py. */
interface ReferenceCase {
  name: string;
  /** [N, H, W, C] */
  shape: [number, number, number, number];
  images: number[];
  features: number[];
  featureShape: [number, number];
}

const DIVISOR = 8;
const TOLERANCE = 1e-4;

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
}

function json<T>(name: string): T {
  return JSON.parse(new TextDecoder().decode(fixture(name))) as T;
}

const reference = json<{ divisor: number; cases: ReferenceCase[] }>(`fid-inception-d${DIVISOR}-reference.json`);
const weights = readTorchCheckpoint(fixture(`fid-inception-d${DIVISOR}.pt`), `fid-inception-d${DIVISOR}.pt`);

function loadError(changed: Map<string, TorchTensor>): LabError {
  try {
    loadFidInception(changed, { divisor: DIVISOR, file: 'changed.pt' });
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('loadFidInception accepted the weights');
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('FidInception', () => {
  let network: FidInception;

  beforeAll(() => {
    network = loadFidInception(weights, { divisor: DIVISOR, file: 'fid-inception-d8.pt' });
  });

  afterAll(() => network.dispose());

  test.each(reference.cases.map((c) => [c.name, c] as const))('matches PyTorch on %s images', (_, testCase) => {
    expect(reference.divisor).toBe(DIVISOR);
    const images = tf.tensor4d(testCase.images, testCase.shape);
    const started = performance.now();
    const features = network.features(images);
    const values = features.dataSync();
    const seconds = (performance.now() - started) / 1000;

    expect(features.shape).toEqual(testCase.featureShape);
    let maxDifference = 0;
    values.forEach((value, i) => {
      maxDifference = Math.max(maxDifference, Math.abs(value - testCase.features[i]));
    });
    console.info(`${testCase.name}: max |TF.js - PyTorch| = ${maxDifference.toExponential(2)}, ${(seconds / testCase.shape[0]).toFixed(2)} s per image`);
    expect(maxDifference).toBeLessThan(TOLERANCE);
    tf.dispose([images, features]);
  });

  test('leaks no tensors over a batch', () => {
    const images = tf.randomUniform([2, 32, 32, 1], -1, 1, 'float32', 3) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    network.features(images).dispose();
    expect(tf.memory().numTensors).toBe(before);
    images.dispose();
  });

  test('keeps a 299 x 299 RGB input', () => {
    // Such input skips the resize, so the first block reads the caller's tensor directly.
    const images = tf.randomUniform([1, 299, 299, 3], -1, 1, 'float32', 5) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    network.features(images).dispose();
    expect(images.isDisposed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    images.dispose();
  });

  test('runs only kernels WebGL and WebGPU have', async () => {
    const images = tf.randomUniform([1, 16, 16, 1], -1, 1, 'float32', 4) as tf.Tensor4D;
    const { kernelNames } = await tf.profile(() => network.features(images));
    // The profile also lists op wrappers such as fusedConv2d__op; the kernels are what the CPU backend ran.
    const kernels = kernelNames.filter((name) => tf.getKernel(name, 'cpu') !== undefined);
    expect(kernels).toEqual(expect.arrayContaining(['FusedConv2D', 'AvgPool', 'MaxPool', 'BatchMatMul']));
    for (const backend of ['webgl', 'webgpu']) {
      const missing = kernels.filter((name) => tf.getKernel(name, backend) === undefined);
      expect(missing, backend).toEqual([]);
    }
    images.dispose();
  });

  test('rejects images with two channels', () => {
    const images = tf.zeros([1, 8, 8, 2]) as tf.Tensor4D;
    expect(() => network.features(images)).toThrow(/\[N, H, W, C\] with C = 1 or 3; got shape \[1,8,8,2\]/);
    images.dispose();
  });
});

describe('fidInceptionWeightLayout', () => {
  test('equals the PyTorch state_dict at full width', () => {
    const expected = json<{ name: string; shape: number[] }[]>('fid-inception-layout.json');
    expect(PYTORCH_FID_WEIGHT_LAYOUT.map(({ name, shape }) => ({ name, shape }))).toEqual(expected);
  });

  test('equals the fixture checkpoint at divisor 8', () => {
    const layout = fidInceptionWeightLayout(DIVISOR).map(({ name, shape }) => [name, shape]);
    expect(layout).toEqual([...weights].map(([name, tensor]) => [name, tensor.shape]));
  });

  test('rejects a divisor that leaves fractional channels', () => {
    expect(() => fidInceptionWeightLayout(3)).toThrow(/width divisor 3 does not divide every channel count/);
  });
});

describe('loadFidInception', () => {
  test('rejects a missing tensor by name', () => {
    const changed = new Map(weights);
    changed.delete('Mixed_6c.branch7x7dbl_3.bn.running_var');
    const error = loadError(changed);
    expect(error.code).toBe('not-found');
    expect(error.message).toMatch(/^changed\.pt: the tensor Mixed_6c\.branch7x7dbl_3\.bn\.running_var \[20\] .* is missing/);
    expect(error.hint).toMatch(/pt_inception-2015-12-05-6726825d\.pth/);
  });

  test('rejects a misshapen tensor by name', () => {
    const changed = new Map(weights);
    const original = changed.get('Mixed_7c.branch3x3_2b.conv.weight')!;
    changed.set('Mixed_7c.branch3x3_2b.conv.weight', { ...original, shape: [48, 48, 1, 3] });
    const error = loadError(changed);
    expect(error.code).toBe('shape-mismatch');
    expect(error.message).toMatch(/Mixed_7c\.branch3x3_2b\.conv\.weight has shape \[48,48,1,3\], but .* needs \[48,48,3,1\]/);
  });

  test("rejects torchvision's 1000-class fc", () => {
    const changed = new Map(weights);
    changed.set('fc.bias', { shape: [1000], dtype: 'float32', data: new Float32Array(1000) });
    expect(loadError(changed).message).toMatch(/fc\.bias has shape \[1000\]/);
  });

  test('rejects unexpected tensors', () => {
    const changed = new Map(weights);
    changed.set('AuxLogits.fc.weight', { shape: [1000, 96], dtype: 'float32', data: new Float32Array(96_000) });
    const error = loadError(changed);
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/tensors the pytorch-fid Inception does not: AuxLogits\.fc\.weight/);
  });

  test('accepts weights without num_batches_tracked', () => {
    const trimmed = new Map([...weights].filter(([name]) => !name.endsWith('num_batches_tracked')));
    const before = tf.memory().numTensors;
    const network = loadFidInception(trimmed, { divisor: DIVISOR });
    network.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
