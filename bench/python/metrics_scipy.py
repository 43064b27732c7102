"""Times the work of bench/sections/metrics-speed.ts with NumPy and SciPy.

- Frechet distance between 2048-d statistics of full rank (2304 samples
  each), as pytorch-fid computes it: scipy.linalg.sqrtm(sigma1 @ sigma2),
  with its offset retry when the product is singular, then the real part.
- KID between two sets of 5,000 features of 2048 dimensions, 100 subsets of
  1,000, with torch-fidelity's estimator: k(x, y) = (x.y / d + 1)^3 on each
  subset pair, unbiased MMD^2, mean and population std.
Only the metric itself is timed, not making the features or statistics.
NumPy's BLAS may use every core; set OPENBLAS_NUM_THREADS=1 to compare with
one JavaScript thread.

Usage: python3 bench/python/metrics_scipy.py
Prints {"frechet2048Seconds": ..., "kid5000Seconds": ...} as JSON.
"""

import json
import time
import warnings

import numpy as np
import scipy.linalg

DIMENSION = 2048
STATISTICS_SAMPLES = 2304
KID_SAMPLES = 5000


def random_features(rng, count, shift):
    """x = e + 0.5 * z W + shift, with 16 latents z, as randomFeatures in metrics-speed.ts."""
    loadings = rng.standard_normal((16, DIMENSION), dtype=np.float32)
    z = rng.standard_normal((count, 16), dtype=np.float32)
    return rng.standard_normal((count, DIMENSION), dtype=np.float32) + 0.5 * z @ loadings + np.float32(shift)


def frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """pytorch-fid's calculate_frechet_distance."""
    diff = mu1 - mu2
    with warnings.catch_warnings():
        # SciPy 1.17 deprecates `disp`, which pytorch-fid still passes.
        warnings.simplefilter('ignore', DeprecationWarning)
        covmean, _ = scipy.linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = scipy.linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)


def polynomial_mmd(x, y):
    d = x.shape[1]
    m = x.shape[0]
    k_xx = (x @ x.T / d + 1) ** 3
    k_yy = (y @ y.T / d + 1) ** 3
    k_xy = (x @ y.T / d + 1) ** 3
    return (k_xx.sum() - np.trace(k_xx) + k_yy.sum() - np.trace(k_yy)) / (m * (m - 1)) - 2 * k_xy.sum() / m ** 2


def kid(real, generated, subsets=100, size=1000, seed=0):
    rng = np.random.RandomState(seed)
    mmds = np.zeros(subsets)
    for i in range(subsets):
        x = real[rng.choice(len(real), size, replace=False)]
        y = generated[rng.choice(len(generated), size, replace=False)]
        mmds[i] = polynomial_mmd(x, y)
    return mmds.mean(), mmds.std()


def seconds(run):
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main():
    rng = np.random.default_rng(2048)
    first = random_features(rng, STATISTICS_SAMPLES, 0).astype(np.float64)
    second = random_features(rng, STATISTICS_SAMPLES, 0.05).astype(np.float64)
    mu1, sigma1 = first.mean(axis=0), np.cov(first, rowvar=False)
    mu2, sigma2 = second.mean(axis=0), np.cov(second, rowvar=False)
    frechet = seconds(lambda: frechet_distance(mu1, sigma1, mu2, sigma2))

    # torch-fidelity computes KID on float64 features.
    real = random_features(rng, KID_SAMPLES, 0).astype(np.float64)
    generated = random_features(rng, KID_SAMPLES, 0.05).astype(np.float64)
    kernel = seconds(lambda: kid(real, generated))
    print(json.dumps({'frechet2048Seconds': round(frechet, 2), 'kid5000Seconds': round(kernel, 2)}))


if __name__ == '__main__':
    main()
