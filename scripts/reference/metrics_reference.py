#!/usr/bin/python3
"""Reference values for the fidelity metric tests in src/ml/metrics.

The feature sets come from the integer recipe of
src/ml/metrics/testing/recipe-features.ts (xorshift32, float64 arithmetic in
a fixed order, rounded to float32), which `recipe_features` below repeats bit
for bit, so only the recipe parameters and the results are stored.

- Covariance: np.mean and np.cov (unbiased) of a set with large offsets.
- Frechet distance: pytorch-fid's formula with scipy.linalg.sqrtm,
  ||mu1 - mu2||^2 + tr S1 + tr S2 - 2 tr(sqrtm(S1 @ S2)).real; the same
  distance with the cross term as the nuclear norm of H2^T H1 (H = V sqrt(L)
  from np.linalg.eigh, eigenvalues below n * eps * max set to 0), which stays
  accurate for singular covariances where sqrtm loses about 7 digits; and,
  for 40 features, in 50-digit arithmetic with mpmath.
- KID: torch-fidelity's unbiased MMD^2 with k(x, y) = (x.y / d + 1)^3 over
  subsets drawn by a port of the lab's sfc32 Random (src/core/random.ts) and
  its partial Fisher-Yates draw (src/ml/metrics/kid-subsets.ts); the indices
  are stored too.
- Precision and recall (Kynkaenniemi et al. 2019) and the memorisation
  statistics from explicit float64 distance matrices.
- .npz files written by numpy: metrics-arrays.npz (several dtypes and .npy
  format versions), metrics-statistics.npz (np.savez_compressed, mu and
  sigma like pytorch-fid) and metrics-fortran.npz (a Fortran-order array).

Run from the repository root (takes about 3 minutes, mostly scipy's sqrtm):
  python3 scripts/reference/metrics_reference.py
Written with numpy 2.4, scipy 1.17 and mpmath 1.3.
"""

import io
import json
import math
import os
import zipfile

import mpmath
import numpy as np
import scipy
import scipy.linalg

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------- recipes

def xorshift32(seed):
    x = seed & 0xFFFFFFFF
    while True:
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        yield x


def symmetric_uniforms(stream, count):
    """`count` values 2 * (top 24 bits / 2^24) - 1, as Xorshift32.symmetric."""
    raw = np.fromiter((next(stream) for _ in range(count)), dtype=np.uint64, count=count)
    return 2.0 * ((raw >> np.uint64(8)).astype(np.float64) / 16777216.0) - 1.0


def recipe_features(seed, count, dimension, latents, shift):
    """Same values as recipeFeatures in recipe-features.ts, float32 [count, dimension]."""
    stream = xorshift32(seed)
    loadings = symmetric_uniforms(stream, latents * dimension).reshape(latents, dimension)
    draws = symmetric_uniforms(stream, count * (latents + dimension)).reshape(count, latents + dimension)
    z, noise = draws[:, :latents], draws[:, latents:]
    d = np.arange(dimension)
    value = noise * (0.25 + (d % 8) / 8.0)
    for q in range(latents):
        value = value + z[:, q:q + 1] * loadings[q]
    value = value + shift * ((d % 5) - 2).astype(np.float64)
    return value.astype(np.float32)


def recipe(seed, count, dimension, latents, shift):
    return {'seed': seed, 'count': count, 'dimension': dimension, 'latents': latents, 'shift': shift}


def features(spec):
    return recipe_features(spec['seed'], spec['count'], spec['dimension'], spec['latents'], spec['shift'])


# ---------------------------------------------------------------- the lab's Random (sfc32)

class Sfc32:
    """Port of Random in src/core/random.ts, all arithmetic modulo 2^32."""

    def __init__(self, seed):
        self.a, self.b, self.c, self.d = 0x9E3779B9, 0x243F6A88, 0xB7E15162, seed & 0xFFFFFFFF
        for _ in range(15):
            self.next_uint32()

    def next_uint32(self):
        mask = 0xFFFFFFFF
        t = (((self.a + self.b) & mask) + self.d) & mask
        self.d = (self.d + 1) & mask
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & mask
        self.c = ((self.c << 21) | (self.c >> 11)) & mask
        self.c = (self.c + t) & mask
        return t

    def integer(self, n):
        return math.floor(self.next_uint32() / 4294967296 * n)


def sample_without_replacement(n, size, random):
    pool = list(range(n))
    for i in range(size):
        j = i + random.integer(n - i)
        pool[i], pool[j] = pool[j], pool[i]
    return pool[:size]


def draw_kid_subsets(real_count, generated_count, subsets, size, seed):
    random = Sfc32(seed)
    real, generated = [], []
    for _ in range(subsets):
        real.append(sample_without_replacement(real_count, size, random))
        generated.append(sample_without_replacement(generated_count, size, random))
    return real, generated


# ---------------------------------------------------------------- metrics in numpy

def statistics(x):
    x = x.astype(np.float64)
    return x.mean(axis=0), np.cov(x, rowvar=False)


def frechet_scipy(a, b):
    (m1, s1), (m2, s2) = a, b
    root = scipy.linalg.sqrtm(s1 @ s2)
    return float(((m1 - m2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * np.trace(root).real)


def psd_root(s):
    """H with H H^T = S, eigenvalues below n * eps * max (rounding noise of a singular S) set to 0."""
    w, v = np.linalg.eigh(s)
    w = np.where(w > s.shape[0] * np.finfo(np.float64).eps * w.max(), w, 0.0)
    return v * np.sqrt(w)


def frechet_nuclear(a, b):
    (m1, s1), (m2, s2) = a, b
    nuclear = np.linalg.svd(psd_root(s2).T @ psd_root(s1), compute_uv=False).sum()
    return float(((m1 - m2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * nuclear)


def frechet_mpmath(x1, x2):
    """Computes the distance from the float32 features in 50-digit arithmetic (mpmath), for small dimensions."""
    mpmath.mp.dps = 50

    def moments(x):
        x = mpmath.matrix(x.astype(np.float64).tolist())
        n, d = x.rows, x.cols
        mean = [mpmath.fsum(x[i, j] for i in range(n)) / n for j in range(d)]
        cov = mpmath.matrix(d, d)
        for p in range(d):
            for q in range(p, d):
                cov[p, q] = cov[q, p] = mpmath.fsum((x[i, p] - mean[p]) * (x[i, q] - mean[q]) for i in range(n)) / (n - 1)
        return mean, cov

    (m1, c1), (m2, c2) = moments(x1), moments(x2)
    d = len(m1)
    w, v = mpmath.eigsy(c1)
    h = v * mpmath.diag([mpmath.sqrt(max(value, 0)) for value in w])
    product = h.T * c2 * h
    cross = mpmath.fsum(mpmath.sqrt(max(value, 0)) for value in mpmath.eigsy((product + product.T) / 2, eigvals_only=True))
    means = mpmath.fsum((m1[i] - m2[i]) ** 2 for i in range(d))
    return float(means + mpmath.fsum(c1[i, i] for i in range(d)) + mpmath.fsum(c2[i, i] for i in range(d)) - 2 * cross)


def mmd2_unbiased(x, y):
    d = x.shape[1]
    m = x.shape[0]
    k_xx = (x @ x.T / d + 1) ** 3
    k_yy = (y @ y.T / d + 1) ** 3
    k_xy = (x @ y.T / d + 1) ** 3
    return float((k_xx.sum() - np.trace(k_xx) + k_yy.sum() - np.trace(k_yy)) / (m * (m - 1)) - 2 * k_xy.sum() / m ** 2)


def distances(x, y):
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    return np.sqrt(((x[:, None, :] - y[None, :, :]) ** 2).sum(axis=-1))


def kth_radius(x, k):
    own = distances(x, x)
    np.fill_diagonal(own, np.inf)
    return np.sort(own, axis=1)[:, k - 1]


def precision_recall(real, generated, k):
    real_radius = kth_radius(real, k)
    generated_radius = kth_radius(generated, k)
    cross = distances(real, generated)
    precision = (cross <= real_radius[:, None]).any(axis=0).mean()
    recall = (cross <= generated_radius[None, :]).any(axis=1).mean()
    return float(precision), float(recall)


# ---------------------------------------------------------------- cases

def covariance_case():
    spec = recipe(5, 600, 9, 3, 2.0 ** 19)
    mean, cov = statistics(features(spec))
    return {'recipe': spec, 'mean': mean.tolist(), 'covariance': cov.reshape(-1).tolist()}


def frechet_cases(named_sets, pairs, high_precision):
    data = {name: features(spec) for name, spec in named_sets.items()}
    stats = {name: statistics(x) for name, x in data.items()}
    cases = []
    for first, second in pairs:
        case = {
            'first': first,
            'second': second,
            'scipy': frechet_scipy(stats[first], stats[second]),
            'nuclear': frechet_nuclear(stats[first], stats[second]),
        }
        if high_precision:
            case['mpmath'] = frechet_mpmath(data[first], data[second])
        cases.append(case)
    return {'sets': named_sets, 'cases': cases}


def kid_case(real_spec, generated_spec, subsets, subset_size, seed):
    real, generated = features(real_spec).astype(np.float64), features(generated_spec).astype(np.float64)
    size = min(real.shape[0], generated.shape[0], subset_size)
    real_indices, generated_indices = draw_kid_subsets(real.shape[0], generated.shape[0], subsets, size, seed)
    mmds = [mmd2_unbiased(real[r], generated[g]) for r, g in zip(real_indices, generated_indices)]
    return {
        'real': real_spec, 'generated': generated_spec, 'subsets': subsets, 'subsetSize': subset_size, 'seed': seed,
        'size': size, 'realIndices': real_indices, 'generatedIndices': generated_indices,
        'mmd2': mmds, 'mean': float(np.mean(mmds)), 'std': float(np.std(mmds)),
    }


def require_margin(real, generated, k):
    """Fails when a distance is within 1e-9 (relative) of a radius it is compared with, where rounding could flip the test."""
    cross = distances(real, generated)
    gaps = np.concatenate([
        (np.abs(cross - kth_radius(real, k)[:, None]) / cross.max()).ravel(),
        (np.abs(cross - kth_radius(generated, k)[None, :]) / cross.max()).ravel(),
    ])
    assert gaps.min() > 1e-9, f'a distance ties a radius for k = {k}'


def precision_recall_cases():
    real_spec = recipe(31, 150, 6, 2, 0.0)
    generated_spec = recipe(32, 130, 6, 2, 1 / 4)
    real, generated = features(real_spec), features(generated_spec)
    cases = []
    for k in (1, 3, 5):
        require_margin(real, generated, k)
        precision, recall = precision_recall(real, generated, k)
        cases.append({'k': k, 'precision': precision, 'recall': recall})
    return {'real': real_spec, 'generated': generated_spec, 'cases': cases}


def memorization_case():
    """Generated rows 0-4 are copies of training rows 10-14 (memorised samples)."""
    generated_spec, training_spec, test_spec = recipe(41, 60, 16, 3, 0.0), recipe(42, 80, 16, 3, 0.0), recipe(43, 50, 16, 3, 0.0)
    generated, training, test = features(generated_spec), features(training_spec), features(test_spec)
    generated[0:5] = training[10:15]
    to_generated = distances(generated, training)
    to_test = distances(test, training)
    generated_distance = to_generated.min(axis=1)
    test_distance = to_test.min(axis=1)
    minimum = test_distance.min()
    fifth = np.percentile(test_distance, 5)
    return {
        'generated': generated_spec, 'training': training_spec, 'test': test_spec, 'copies': {'generatedStart': 0, 'trainingStart': 10, 'rows': 5},
        'nearestTrainingIndex': to_generated.argmin(axis=1).tolist(),
        'generatedDistances': generated_distance.tolist(),
        'testDistances': test_distance.tolist(),
        'minimumTestDistance': float(minimum),
        'testPercentile5': float(fifth),
        'shareCloserThanAnyTest': float((generated_distance < minimum).mean()),
        'shareBelowTestPercentile5': float((generated_distance < fifth).mean()),
        'medianGeneratedDistance': float(np.median(generated_distance)),
        'medianTestDistance': float(np.median(test_distance)),
    }


def write_npz_fixtures():
    """Writes the .npz fixtures and returns what the tests should find in them."""
    arrays = {
        'little_f8': np.arange(6, dtype='<f8').reshape(2, 3) / 7,
        'little_f4': (np.arange(5, dtype='<f4') - 2) / 3,
        'big_f8': np.array([1.5, -2.25, 1e300], dtype='>f8'),
        'big_f4': np.array([[0.1, 0.2], [0.3, 0.4]], dtype='>f4'),
        'int64': np.array([[-(2 ** 40), 7], [0, 2 ** 52]], dtype='<i8'),
        'uint8': np.array([0, 1, 255], dtype='|u1'),
        'scalar': np.float64(2.5),
    }
    versions = {'little_f8': (1, 0), 'little_f4': (2, 0), 'big_f8': (3, 0), 'big_f4': (1, 0), 'int64': (1, 0), 'uint8': (2, 0), 'scalar': (1, 0)}
    with zipfile.ZipFile(os.path.join(HERE, 'metrics-arrays.npz'), 'w', zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(array), version=versions[name])
            archive.writestr(f'{name}.npy', buffer.getvalue())

    spec = recipe(51, 12, 4, 2, 0.5)
    mu, sigma = statistics(features(spec))
    np.savez_compressed(os.path.join(HERE, 'metrics-statistics.npz'), mu=mu, sigma=sigma)
    np.savez(os.path.join(HERE, 'metrics-fortran.npz'), table=np.asfortranarray(np.arange(6, dtype='<f8').reshape(2, 3)))

    def describe(array):
        array = np.asarray(array)
        values = [int(v) for v in array.reshape(-1)] if array.dtype.kind in 'iu' else array.astype(np.float64).reshape(-1).tolist()
        return {'dtype': array.dtype.newbyteorder('=').name, 'shape': list(array.shape), 'values': values}

    return {
        'arrays': {name: describe(array) for name, array in arrays.items()},
        'versions': {name: list(version) for name, version in versions.items()},
        'statistics': {'recipe': spec, 'mu': mu.tolist(), 'sigma': sigma.reshape(-1).tolist()},
    }


def main():
    large = {
        'A': recipe(11, 2560, 2048, 8, 0.0),
        'B': recipe(12, 2560, 2048, 8, 1 / 16),
        'C': recipe(13, 700, 2048, 8, 1 / 32),
    }
    small = {
        'full': recipe(61, 300, 40, 4, 0.0),
        'shifted': recipe(62, 260, 40, 4, 1 / 8),
        'few': recipe(63, 25, 40, 4, 1 / 16),
        'fewer': recipe(64, 18, 40, 4, 0.0),
    }
    reference = {
        'numpy': np.__version__,
        'scipy': scipy.__version__,
        'mpmath': mpmath.__version__,
        'covariance': covariance_case(),
        'frechetLarge': frechet_cases(large, [('A', 'B'), ('C', 'B')], False),
        'frechetSmall': frechet_cases(small, [('full', 'shifted'), ('few', 'full'), ('full', 'few'), ('few', 'fewer'), ('few', 'few')], True),
        'kid': [
            kid_case(recipe(21, 120, 48, 4, 0.0), recipe(22, 100, 48, 4, 1 / 8), 10, 50, 7),
            kid_case(recipe(23, 40, 48, 4, 0.0), recipe(24, 60, 48, 4, 0.0), 5, 1000, 3),
        ],
        'precisionRecall': precision_recall_cases(),
        'memorization': memorization_case(),
        'npz': write_npz_fixtures(),
    }
    with open(os.path.join(HERE, 'metrics-reference.json'), 'w') as out:
        json.dump(reference, out)
        out.write('\n')


if __name__ == '__main__':
    main()
