/**
 * ACDC (Automated Cardiac Diagnosis Challenge): one folder per patient with
 * the end-diastolic and end-systolic frames `patientNNN_frameMM.nii.gz`, their
 * label maps `patientNNN_frameMM_gt.nii.gz` (0 background, 1 right ventricle,
 * 2 myocardium, 3 left ventricle), the whole cine series `patientNNN_4d.nii.gz`
 * and `Info.cfg`.
 */

import { namedLayoutRule } from './rule';

export const acdcRule = namedLayoutRule({
  layout: 'acdc',
  patterns: [
    {
      role: 'mask',
      pattern: /^(patient\d+)_frame(\d+)_gt\.nii(\.gz)?$/i,
      key: (match) => `${match[1]}_frame${match[2]}`,
    },
    {
      role: 'image',
      pattern: /^(patient\d+)_frame(\d+)\.nii(\.gz)?$/i,
      key: (match) => `${match[1]}_frame${match[2]}`,
    },
    {
      role: 'extra',
      pattern: /^(patient\d+)_4d\.nii(\.gz)?$/i,
      key: (match) => match[1],
      reason: () =>
        '4D cine series without a mask: ACDC segments only the end-diastolic and end-systolic frames (patientNNN_frameMM files)',
    },
  ],
  subject: (match) => match[1],
  frame: (match) => Number.parseInt(match[2], 10),
  missingMask: (image) => `no mask: expected ${image.stem}_gt${image.ext} beside it`,
  missingImage: (mask, key) => `mask without its image: expected ${key}${mask.ext} beside it`,
});
