/** Validation of ingest options at the boundary, before any file is read. */

import { LabError } from '../core/errors';
import { checkLabelScheme } from './labels';
import { SLICE_SIZES, type IngestOptions } from './slice-dataset';
import { checkTestFraction } from './split';

export function checkIngestOptions(options: IngestOptions): void {
  if (!(SLICE_SIZES as readonly number[]).includes(options.size)) {
    throw new LabError('invalid-config', `slice size ${options.size} is not one of ${SLICE_SIZES.join(', ')}`, {
      field: 'size',
      hint: 'Choose 32, 64, 128 or 256 pixels.',
    });
  }
  if (!(options.ctWindow.width > 0)) {
    throw new LabError('invalid-config', `CT window width ${options.ctWindow.width} HU is not positive`, {
      field: 'ctWindow',
      hint: 'Use for example width 400 and level 40 (the liver window).',
    });
  }
  const [lower, upper] = options.mriPercentiles;
  if (!(lower >= 0 && lower < upper && upper <= 100)) {
    throw new LabError('invalid-config', `MRI percentiles [${lower}, ${upper}] are not 0 <= lower < upper <= 100`, {
      field: 'mriPercentiles',
      hint: 'Use for example [0.5, 99.5].',
    });
  }
  checkTestFraction(options.testFraction);
  if (options.labels) checkLabelScheme(options.labels);
}
