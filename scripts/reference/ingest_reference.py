#!/usr/bin/python3
"""Reference numbers for the end-to-end ingest tests on the shared sample data.

Reads the ACDC training sample with nibabel and the SLiver07-style liver CT
with numpy and zlib, independently of the lab's readers. Then applies the
lab's slice recipe at 32 x 32 pixels:
- per-volume MRI clipping to the 0.5 and 99.5 percentiles (numpy's linear
  definition), or the CT window W 400 / L 40, then scaling to [-1, 1];
- centre padding to a square (images with -1, masks with 0);
- Pillow's BILINEAR resize for images, and nearest neighbour at pixel
  centres, floor((i + 0.5) * side / 32), for masks.

Run from the repository root, with the shared folder beside it:
  /usr/bin/python3 scripts/reference/ingest_reference.py > scripts/reference/ingest-reference.json
Written with nibabel 5.0, numpy 1.24 and Pillow 9.4 (Debian 12).
"""

import json
import os
import sys
import zlib

import nibabel
import numpy as np
from PIL import Image

SIZE = 32
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'data')


def square(plane, fill):
    """Centre-pads a [rows, columns] plane to a square of its longer side."""
    rows, columns = plane.shape
    side = max(rows, columns)
    out = np.full((side, side), fill, dtype=plane.dtype)
    top, left = (side - rows) // 2, (side - columns) // 2
    out[top:top + rows, left:left + columns] = plane
    return out


def resize_image(plane):
    return np.asarray(Image.fromarray(square(plane.astype(np.float32), -1.0), mode='F').resize((SIZE, SIZE), Image.BILINEAR))


def resize_mask(plane):
    padded = square(plane.astype(np.uint8), 0)
    side = padded.shape[0]
    index = np.minimum(np.floor((np.arange(SIZE) + 0.5) * side / SIZE).astype(int), side - 1)
    return padded[np.ix_(index, index)]


def scale(volume, lo, hi):
    return (np.clip(volume, lo, hi) - lo) / (hi - lo) * 2 - 1


def summarise(image, mask, keep_slice=None):
    """image, mask: [x, y, z] arrays; slices are [y, x] planes along z."""
    counts = np.zeros(256, dtype=np.int64)
    image_sum = 0.0
    non_empty = 0
    stored_slice = None
    for z in range(image.shape[2]):
        small_image = resize_image(image[:, :, z].T)
        small_mask = resize_mask(mask[:, :, z].T)
        counts += np.bincount(small_mask.reshape(-1), minlength=256)
        image_sum += float(small_image.astype(np.float64).sum())
        non_empty += int(small_mask.any())
        if z == keep_slice:
            stored_slice = [float('%.7g' % v) for v in small_image.reshape(-1)]
    result = {
        'depth': int(image.shape[2]),
        'dims': [int(d) for d in image.shape],
        'labelCounts': {str(v): int(c) for v, c in enumerate(counts) if c > 0},
        'imageMean': image_sum / (image.shape[2] * SIZE * SIZE),
        'nonEmptySlices': non_empty,
        'maskValues': [int(v) for v in np.unique(mask)],
    }
    if stored_slice is not None:
        result['slice'] = {'index': keep_slice, 'image': stored_slice}
    return result


def acdc():
    base = os.path.join(ROOT, 'acdc', 'training')
    pairs = {}
    for patient in sorted(os.listdir(base)):
        for name in sorted(os.listdir(os.path.join(base, patient))):
            if not name.endswith('_gt.nii.gz') and '_frame' in name:
                image = np.asarray(nibabel.load(os.path.join(base, patient, name)).dataobj, dtype=np.float64)
                mask = np.asarray(nibabel.load(os.path.join(base, patient, name.replace('.nii.gz', '_gt.nii.gz'))).dataobj)
                lo, hi = np.percentile(image[np.isfinite(image)], [0.5, 99.5])
                keep = 4 if name == 'patient001_frame01.nii.gz' else None
                pairs[f'{patient}/{name}'] = summarise(scale(image, lo, hi), np.rint(mask).astype(np.int64), keep)
    return pairs


def liver():
    base = os.path.join(ROOT, 'liver-ct')
    shape = (112, 101, 122)  # z, y, x as stored (x fastest)
    with open(os.path.join(base, 'liver-orig001.raw'), 'rb') as f:
        image = np.frombuffer(f.read(), dtype='<i2').reshape(shape).transpose(2, 1, 0).astype(np.float64)
    with open(os.path.join(base, 'liver-seg001.zraw'), 'rb') as f:
        mask = np.frombuffer(zlib.decompress(f.read()), dtype=np.uint8).reshape(shape).transpose(2, 1, 0)
    return {'liver-orig001.mhd': summarise(scale(image, 40 - 200, 40 + 200), mask, 56)}


def main():
    json.dump({'size': SIZE, 'acdc': acdc(), 'liver': liver()}, sys.stdout, indent=1)


if __name__ == '__main__':
    main()
