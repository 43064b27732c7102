/** A slice sink that keeps the slices in an array, for tests and the command line. */

import type { SliceSink } from './report';
import type { Slice } from './slice-dataset';

export interface MemorySink extends SliceSink {
  readonly slices: Slice[];
}

export function createMemorySink(): MemorySink {
  const slices: Slice[] = [];
  return {
    slices,
    add: async (batch) => {
      for (const slice of batch) slices.push(slice);
    },
  };
}
