/**
 * Gathers one split of a slice dataset into the flat arrays a trainer reads,
 * mapping raw mask values to contiguous class ids. Shared by the browser
 * (slices from IndexedDB) and the command line (slices in memory).
 */

import { LabError } from '../../core/errors';
import type { ClassInfo, DatasetSplit, Slice } from '../../preprocess/slice-dataset';
import type { TrainingSet } from './training-set';

export interface SliceSetShape {
  name: string;
  size: number;
  imageChannels: number;
  classes: ClassInfo[];
  split: DatasetSplit;
}

export function isTestSlice(split: DatasetSplit, slice: Pick<Slice, 'subject' | 'pairId' | 'index'>): boolean {
  if (split.unit === 'slice') return (split.testSlices ?? []).includes(`${slice.pairId}#${slice.index}`);
  return split.test.includes(slice.subject);
}

/** Lookup table from raw mask values to contiguous class ids. */
export function classLookup(classes: ClassInfo[]): Uint8Array {
  const lookup = new Uint8Array(256);
  for (const info of classes) lookup[info.rawValue] = info.id;
  return lookup;
}

/** Subject of each slice of a split, in the order `assembleTrainingSet` lays the slices out. */
export function splitSubjects(slices: readonly Slice[], shape: SliceSetShape, split: 'train' | 'test'): string[] {
  const testSplit = split === 'test';
  return slices.filter((slice) => isTestSlice(shape.split, slice) === testSplit).map((slice) => slice.subject);
}

export function assembleTrainingSet(slices: readonly Slice[], shape: SliceSetShape, split: 'train' | 'test'): TrainingSet {
  const testSplit = split === 'test';
  const wanted = slices.filter((slice) => isTestSlice(shape.split, slice) === testSplit);
  if (wanted.length === 0) {
    throw new LabError('empty-dataset', `dataset ${shape.name} has no slices in its ${split} split`, {
      hint: 'Add the folder again with a smaller test fraction or more subjects.',
    });
  }
  const pixels = shape.size * shape.size;
  const images = new Float32Array(wanted.length * pixels * shape.imageChannels);
  const classIds = new Uint8Array(wanted.length * pixels);
  const lookup = classLookup(shape.classes);
  wanted.forEach((slice, n) => {
    images.set(slice.image, n * pixels * shape.imageChannels);
    for (let p = 0; p < pixels; p++) classIds[n * pixels + p] = lookup[slice.labels[p]];
  });
  return { count: wanted.length, side: shape.size, imageChannels: shape.imageChannels, numClasses: shape.classes.length, images, classIds };
}
