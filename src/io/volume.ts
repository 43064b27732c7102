/**
 * The one in-memory image type that every reader returns: a 2D raster, a 3D
 * volume or a 4D series, with its values in file order.
 */

export type VoxelType =
  | 'uint8'
  | 'int8'
  | 'uint16'
  | 'int16'
  | 'uint32'
  | 'int32'
  | 'float32'
  | 'float64';

export type VoxelArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

export type VolumeFormat =
  | 'nifti-1'
  | 'nifti-2'
  | 'metaimage'
  | 'png'
  | 'jpeg'
  | 'tiff'
  | 'gif'
  | 'bmp';

export interface Volume {
  /** Path of the file the volume was read from, as the user dropped it. */
  source: string;
  format: VolumeFormat;
  /** Voxel counts along x (fastest in `data`), y and z. A 2D image has z = 1. */
  dims: [number, number, number];
  /** Time points of a 4D series; 1 for 2D and 3D images. */
  frames: number;
  /** Values per voxel: 1 for grayscale and label maps, 3 for RGB, 4 for RGBA. */
  channels: number;
  /** Voxel size in millimetres along x, y and z; 1 where the file records none. */
  spacing: [number, number, number];
  /** Type of `data`: the stored type, or float32 once a scaling was applied. */
  dtype: VoxelType;
  /** Values in [frame][z][y][x][channel] order, channel fastest. For 2D rasters y = 0 is the top row. */
  data: VoxelArray;
  /** Further images of a multi-page file (TIFF), in page order after the first. */
  pages?: Volume[];
}

/** Number of values a volume's `data` must hold. */
export function volumeLength(volume: Pick<Volume, 'dims' | 'frames' | 'channels'>): number {
  const [x, y, z] = volume.dims;
  return x * y * z * volume.frames * volume.channels;
}
