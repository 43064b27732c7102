"""Compute reference values for the file-reader tests, independently of the TypeScript code.

NIfTI files are read with nibabel, 2D images with Pillow, and MetaImage files
with a small parser below (numpy, zlib). The output, src/io/fixtures/reference.json,
lists for each file its shape, voxel type, spacing, sum, minimum, maximum and a
few voxels. The tests in src/io/real-data.test.ts compare the readers with it.

Rerun after the sample data change (needs numpy, nibabel and Pillow, as in
Debian's python3-numpy, python3-nibabel and python3-pil):

    /usr/bin/python3 scripts/reference/io_reference.py ../shared/data src/io/fixtures/reference.json
"""

import json
import sys
import zlib
from pathlib import Path

import nibabel
import numpy as np
from PIL import Image

ACDC_PATIENTS = ["patient001", "patient045", "patient087"]
RETINA_FILES = [
    "retina/CHASEDB1/Image_01L.jpg",
    "retina/CHASEDB1/Image_01L_1stHO.png",
    "retina/DRIVE/training/images/21_training.tif",
    "retina/DRIVE/training/1st_manual/21_manual1.gif",
    "retina/DRIVE/training/mask/21_training_mask.gif",
]
METAIMAGE_FILES = [
    "liver-ct/liver-orig001.mhd",
    "liver-ct/liver-seg001.mhd",
    "metaimage-headmr/HeadMRVolume.mhd",
]
NIFTI_EXTRA = ["liver-ct/ct001.nii.gz", "liver-ct/ct001_liver.nii.gz"]
SAMPLES_PER_FILE = 12

METAIMAGE_TYPES = {
    "MET_UCHAR": "u1", "MET_CHAR": "i1", "MET_USHORT": "u2", "MET_SHORT": "i2",
    "MET_UINT": "u4", "MET_INT": "i4", "MET_FLOAT": "f4", "MET_DOUBLE": "f8",
}


def summarise(values, spacing, channels_last):
    """Summary of an array indexed [x, y, z] (volumes) or [x, y, channel] (rasters)."""
    rng = np.random.RandomState(0)
    shape = values.shape
    positions = [tuple(0 for _ in shape), tuple(s - 1 for s in shape), tuple(s // 2 for s in shape)]
    positions.append(np.unravel_index(int(np.argmax(values.transpose(*reversed(range(values.ndim))))),
                                      tuple(reversed(shape)))[::-1])
    while len(positions) < SAMPLES_PER_FILE:
        positions.append(tuple(int(rng.randint(0, s)) for s in shape))
    samples = [{"index": [int(i) for i in p], "value": float(values[tuple(p)])} for p in positions]
    return {
        "shape": [int(s) for s in shape],
        "dtype": str(values.dtype),
        "spacing": [float(s) for s in spacing],
        "sum": float(values.astype(np.float64).sum()),
        "min": float(values.min()),
        "max": float(values.max()),
        "channels_last": channels_last,
        "samples": samples,
    }


def nifti_entry(path):
    image = nibabel.load(str(path))
    # dataobj applies scl_slope/scl_inter only when they change values, as the reader does.
    values = np.asanyarray(image.dataobj)
    return summarise(values, image.header.get_zooms()[:3], False)


def read_metaimage(path):
    text = path.read_bytes()
    fields = {}
    offset = 0
    for line in text.split(b"\n"):
        offset += len(line) + 1
        key, _, value = line.decode("latin-1").partition("=")
        fields[key.strip().lower()] = value.strip()
        if key.strip().lower() == "elementdatafile":
            break
    dims = [int(v) for v in fields["dimsize"].split()]
    dtype = np.dtype(METAIMAGE_TYPES[fields["elementtype"]])
    big = fields.get("elementbyteordermsb", fields.get("binarydatabyteordermsb", "False")).lower() == "true"
    dtype = dtype.newbyteorder(">" if big else "<")
    name = fields["elementdatafile"]
    raw = text[offset:] if name == "LOCAL" else (path.parent / name).read_bytes()
    if fields.get("compresseddata", "False").lower() == "true":
        raw = zlib.decompress(raw)
    count = int(np.prod(dims))
    values = np.frombuffer(raw, dtype=dtype, count=count).astype(dtype.newbyteorder("="))
    # MetaImage stores x fastest: reshape in reverse order, then transpose to [x, y, z].
    values = values.reshape(tuple(reversed(dims))).transpose()
    spacing = [float(v) for v in (fields.get("elementspacing") or fields.get("elementsize")).split()]
    return values, spacing


def metaimage_entry(path):
    values, spacing = read_metaimage(path)
    return summarise(values, spacing, False)


def raster_entry(path):
    image = Image.open(path)
    values = np.asarray(image)
    if values.dtype == bool:
        values = values.astype(np.uint8)
    # Pillow gives [row, column(, channel)]; the readers index [x, y(, channel)].
    values = values.swapaxes(0, 1)
    return summarise(values, [1.0, 1.0, 1.0], values.ndim == 3)


def main(data_dir, output):
    data = Path(data_dir)
    reference = {}
    for patient in ACDC_PATIENTS:
        for path in sorted((data / "acdc" / "training" / patient).glob("*.nii.gz")):
            reference[str(path.relative_to(data))] = nifti_entry(path)
    for name in NIFTI_EXTRA:
        reference[name] = nifti_entry(data / name)
    for name in METAIMAGE_FILES:
        reference[name] = metaimage_entry(data / name)
    for name in RETINA_FILES:
        reference[name] = raster_entry(data / name)
    Path(output).write_text(json.dumps({"generator": "scripts/reference/io_reference.py", "files": reference},
                                       indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
