"""Reads every NIfTI file under a folder with nibabel and prints the timing as JSON.

The same work as the lab's reader benchmark: decompress, parse, and bring
the voxels into memory as float32 (scaling applied). Usage:
    python3 nibabel_read.py FOLDER REPEATS
"""

import json
import pathlib
import statistics
import sys
import time

import nibabel
import numpy


def read_all(paths):
    voxels = 0
    for path in paths:
        voxels += numpy.asarray(nibabel.load(str(path)).get_fdata(dtype=numpy.float32)).size
    return voxels


def main():
    folder = pathlib.Path(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    paths = sorted(folder.rglob('*.nii.gz')) + sorted(folder.rglob('*.nii'))
    read_all(paths)
    times = []
    voxels = 0
    for _ in range(repeats):
        started = time.perf_counter()
        voxels = read_all(paths)
        times.append(time.perf_counter() - started)
    print(json.dumps({
        'files': len(paths),
        'compressedBytes': sum(p.stat().st_size for p in paths),
        'voxels': voxels,
        'seconds': statistics.median(times),
        'nibabel': nibabel.__version__,
    }))


if __name__ == '__main__':
    main()
