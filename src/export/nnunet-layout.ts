/**
 * The nnU-Net v2 raw layout of a synthetic dataset, under one folder to unzip
 * into `nnUNet_raw`:
 *
 *   DatasetXXX_Name/dataset.json
 *   DatasetXXX_Name/imagesTr/Name_00001_0000.nii.gz   float32, one file per channel (_0000, _0001, _0002 for RGB)
 *   DatasetXXX_Name/labelsTr/Name_00001.nii.gz        uint8 label map
 *
 * Each sample is a 2D slice stored as a side x side x 1 NIfTI-1 volume.
 * Format: https://github.com/MIC-DKFZ/nnUNet/blob/master/documentation/dataset_format.md
 *
 * NOTE: the tests read the archive back with this project's NIfTI reader only.
 * No run of nnUNetv2_plan_and_preprocess (or nibabel) on an export has checked it yet.
 */

import { strToU8 } from 'fflate';

import { writeNifti } from '../io/writers/nifti';
import { labelIds, type DatasetLayout, type SampleView } from './dataset-layout';
import type { DatasetSettings } from './synthetic-options';
import type { ZipStream } from './zip-stream';

const RGB_CHANNEL_NAMES = ['red', 'green', 'blue'];

/** Returns the dataset's folder name, `DatasetXXX_Name` with a three-digit id. */
export function nnUnetFolder(settings: Pick<DatasetSettings, 'datasetId' | 'datasetName'>): string {
  return `Dataset${String(settings.datasetId).padStart(3, '0')}_${settings.datasetName}`;
}

export function nnUnetLayout(settings: DatasetSettings): DatasetLayout {
  const { side, imageChannels, spacing, datasetName } = settings;
  const root = nnUnetFolder(settings);
  return {
    addSample(zip: ZipStream, number: number, sample: SampleView): void {
      const caseName = `${datasetName}_${String(number).padStart(5, '0')}`;
      for (let c = 0; c < imageChannels; c++) {
        const image = writeNifti(
          { data: channel(sample.image, c, imageChannels), dims: [side, side, 1], spacing, datatype: 'float32', description: 'GAN Lab synthetic image' },
          { gzip: true },
        );
        zip.addStored(`${root}/imagesTr/${caseName}_${String(c).padStart(4, '0')}.nii.gz`, image);
      }
      const labels = writeNifti(
        { data: sample.classIds, dims: [side, side, 1], spacing, datatype: 'uint8', description: 'GAN Lab synthetic label map' },
        { gzip: true },
      );
      zip.addStored(`${root}/labelsTr/${caseName}.nii.gz`, labels);
    },
    addMetadata(zip: ZipStream, count: number): void {
      zip.addDeflated(`${root}/dataset.json`, strToU8(`${JSON.stringify(datasetJson(settings, count), null, 2)}\n`));
    },
  };
}

/**
 * Builds dataset.json: the four fields nnU-Net v2 needs, then `name` and
 * `description`, which its generate_dataset_json also writes and training
 * does not read.
 */
function datasetJson(settings: DatasetSettings, count: number): Record<string, unknown> {
  const names = settings.imageChannels === 3 ? RGB_CHANNEL_NAMES : [settings.modality];
  return {
    channel_names: Object.fromEntries(names.map((name, c) => [String(c), name])),
    labels: labelIds(settings.classNames),
    numTraining: count,
    file_ending: '.nii.gz',
    name: settings.datasetName,
    ...(settings.description ? { description: settings.description } : {}),
  };
}

/** Copies channel `c` out of an interleaved `[side, side, channels]` image, or returns a one-channel image as it is. */
function channel(image: Float32Array, c: number, channels: number): Float32Array {
  if (channels === 1) return image;
  const plane = new Float32Array(image.length / channels);
  for (let p = 0; p < plane.length; p++) plane[p] = image[p * channels + c];
  return plane;
}
