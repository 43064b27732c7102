/**
 * The 2D slice dataset that ingest produces and training reads: square
 * slices of one side, intensities in [-1, 1], masks as small integer label
 * maps, and a seeded train/test split by subject.
 */

export const SLICE_SIZES = [32, 64, 128, 256] as const;
export type SliceSize = (typeof SLICE_SIZES)[number];

export type Modality = 'mri' | 'ct' | 'rgb';

export interface CtWindow {
  /** Window width in Hounsfield units. */
  width: number;
  /** Window centre (level) in Hounsfield units. */
  level: number;
}

/** The liver window: W 400 / L 40 HU. */
export const LIVER_WINDOW: CtWindow = { width: 400, level: 40 };

export interface IngestOptions {
  /** Side of the square slices in pixels. */
  size: SliceSize;
  /** How to map intensities to [-1, 1]; `auto` infers it per pair from the layout and values. */
  modality: 'auto' | Modality;
  ctWindow: CtWindow;
  /** Lower and upper percentiles (in %) that MRI intensities are clipped to. */
  mriPercentiles: [number, number];
  /** Leave out slices whose mask, after resizing, has no foreground pixel. */
  dropEmptySlices: boolean;
  /**
   * Squaring of non-square slices before resizing. `pad` centres the slice
   * in a square of its longer side (images padded with -1, masks with 0), and
   * `crop` keeps the centred square of its shorter side. Default `pad`.
   */
  squareFit?: 'pad' | 'crop';
  /** Share of subjects (of files, for 2D sets) held out as the test split, in [0, 0.9]. */
  testFraction: number;
  /** Seed of the train/test split. */
  seed: number;
  /**
   * Label values the masks may contain and the name of each class, in class
   * order. `null` takes the values found, sorted, as classes 0..K-1.
   */
  labels: LabelScheme | null;
}

export interface LabelScheme {
  /** Raw mask values, one per class; class i is `values[i]`. */
  values: number[];
  names: string[];
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = {
  size: 64,
  modality: 'auto',
  ctWindow: LIVER_WINDOW,
  mriPercentiles: [0.5, 99.5],
  dropEmptySlices: false,
  testFraction: 0.2,
  seed: 1,
  labels: null,
};

/**
 * How a mask file stores its labels, as detected when it is read. Binary
 * encodings decode to 0/1: 0/1, 0/255, 0 and the type maximum, and colour
 * masks whose channels differ (foreground where any colour channel is > 0).
 * Label maps keep their integer values 0..255.
 */
export type MaskEncoding =
  | 'binary-0-1'
  | 'binary-0-255'
  | 'binary-0-max'
  | 'binary-color'
  | 'label-map';

export interface Slice {
  /** Identity of the image/mask pair (the image path). */
  pairId: string;
  /** Patient or subject the slice belongs to; for 2D sets, the file. */
  subject: string;
  /** Position along the acquisition axis; for 4D series, frame * depth + z. */
  index: number;
  /** Pixels `[size, size, channels]`, row-major, channel fastest, in [-1, 1]. */
  image: Float32Array;
  /** Raw label values `[size, size]` after binary masks were set to 0/1; see `LabelMap`. */
  labels: Uint8Array;
}

export interface ClassInfo {
  /** Contiguous class id used in training. */
  id: number;
  /** Mask value in the files. */
  rawValue: number;
  name: string;
  /** Share of all mask pixels of the dataset that belong to the class. */
  pixelFraction: number;
}

export interface DatasetSplit {
  train: string[];
  test: string[];
  /** `subject` when whole subjects were held out, `slice` when a single subject forced a split of slices. */
  unit: 'subject' | 'slice';
  seed: number;
  /** Slice keys (`pairId#index`) of the test split, when `unit` is `slice`. */
  testSlices?: string[];
}
