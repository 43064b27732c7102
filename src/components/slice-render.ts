/**
 * Renders a slice (image in [-1, 1] plus class ids) to RGBA pixels with the
 * mask blended over the image in one colour per class, class 0 left clear.
 */

/** Colours of classes 1, 2, 3, ... (colour-blind-safe Okabe-Ito palette), as RGB. */
export const CLASS_COLOURS: [number, number, number][] = [
  [230, 159, 0],
  [86, 180, 233],
  [0, 158, 115],
  [240, 228, 66],
  [0, 114, 178],
  [213, 94, 0],
  [204, 121, 167],
];

export function classColour(classId: number): [number, number, number] {
  return CLASS_COLOURS[(classId - 1) % CLASS_COLOURS.length];
}

export interface SlicePixels {
  side: number;
  /** `[side, side, channels]` in [-1, 1]. */
  image: Float32Array;
  channels: number;
  /** `[side, side]` class ids, or null to show the image alone. */
  classIds: Uint8Array | null;
}

/** RGBA bytes `[side, side, 4]`; `overlay` is the mask's opacity in [0, 1]. */
export function renderSlice(slice: SlicePixels, overlay = 0.45): Uint8ClampedArray {
  const { side, image, channels, classIds } = slice;
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let p = 0; p < side * side; p++) {
    const base = p * channels;
    const r = toByte(image[base]);
    const g = channels >= 3 ? toByte(image[base + 1]) : r;
    const b = channels >= 3 ? toByte(image[base + 2]) : r;
    const classId = classIds ? classIds[p] : 0;
    const o = p * 4;
    if (classId > 0 && overlay > 0) {
      const [cr, cg, cb] = classColour(classId);
      rgba[o] = r + (cr - r) * overlay;
      rgba[o + 1] = g + (cg - g) * overlay;
      rgba[o + 2] = b + (cb - b) * overlay;
    } else {
      rgba[o] = r;
      rgba[o + 1] = g;
      rgba[o + 2] = b;
    }
    rgba[o + 3] = 255;
  }
  return rgba;
}

function toByte(value: number): number {
  return Math.round((Math.max(-1, Math.min(1, value)) + 1) * 127.5);
}
