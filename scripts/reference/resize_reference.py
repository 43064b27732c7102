#!/usr/bin/python3
"""Reference values for the slice resampling and percentile tests.

Resizes test patterns with Pillow's Image.resize(..., BILINEAR) on float
('F') images, which applies the triangle filter widened by the scale factor
when downscaling, and takes percentiles with numpy's default (linear)
definition. The inputs come from integer formulas that the TypeScript tests
evaluate the same way, so only the outputs are stored.

Run from the repository root:
  /usr/bin/python3 scripts/reference/resize_reference.py > scripts/reference/resize-reference.json
Written with Pillow 9.4 and numpy 1.24 (Debian 12).
"""

import json

import numpy as np
import PIL
from PIL import Image


def pattern(width, height, channel):
    """Float32 test pattern [height, width]; `pattern` in resample.test.ts computes the same values."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    stripes = ((x * 37 + y * 91 + channel * 17) % 97) / 97 - 0.5
    checks = ((x * y + channel) % 13) / 26
    bowl = ((x - width / 2) ** 2 + (y - height / 2) ** 2) / (width * height)
    return (stripes + checks + bowl).astype(np.float32)


def resize_case(width, height, channels, out_width, out_height):
    planes = []
    for channel in range(channels):
        image = Image.fromarray(pattern(width, height, channel), mode='F')
        resized = image.resize((out_width, out_height), Image.BILINEAR)
        planes.append(np.asarray(resized, dtype=np.float32))
    output = np.stack(planes, axis=-1)  # [height, width, channels], channel fastest
    return {
        'width': width,
        'height': height,
        'channels': channels,
        'outWidth': out_width,
        'outHeight': out_height,
        'output': [float('%.8g' % v) for v in output.reshape(-1)],
    }


def percentile_case(name, values, ps):
    return {
        'name': name,
        'percentiles': ps,
        'expected': [float(v) for v in np.percentile(values.astype(np.float64), ps)],
    }


def percentile_inputs(n):
    """Return the arrays that `percentileInput` in percentile.test.ts builds, by name."""
    i = np.arange(n, dtype=np.float64)
    return {
        'float32': (((i * 7919) % 10007) / 10007 * 1000 - 300).astype(np.float32),
        'int16': (((i * 389) % 4001) - 2000).astype(np.int16),
        'uint8': ((i * 13) % 256).astype(np.uint8),
        'zeros-heavy': np.where(i % 5 == 0, (i * 31) % 1000, 0).astype(np.float32),
    }


def main():
    resize = [
        resize_case(37, 23, 1, 16, 16),
        resize_case(64, 64, 1, 32, 32),
        resize_case(288, 288, 1, 32, 32),
        resize_case(7, 5, 1, 16, 16),
        resize_case(20, 20, 3, 13, 13),
        resize_case(100, 100, 1, 64, 64),
    ]
    ps = [0, 0.5, 1, 25, 50, 99.5, 100]
    percentiles = [percentile_case(name, values, ps) for name, values in percentile_inputs(10000).items()]
    json.dump(
        {'pillow': PIL.__version__, 'numpy': np.__version__, 'resize': resize, 'percentiles': percentiles},
        __import__('sys').stdout,
    )


if __name__ == '__main__':
    main()
