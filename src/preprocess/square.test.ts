import { describe, expect, it } from 'vitest';
import { squareWindow, toSquare } from './square';

describe('toSquare', () => {
  it('pads a wide image centred', () => {
    // 3 wide, 1 high: side 3, row 0 lands at y = floor(2 / 2) = 1.
    const padded = toSquare(Float32Array.from([1, 2, 3]), 3, 1, 1, 'pad', -1);
    expect(Array.from(padded)).toEqual([-1, -1, -1, 1, 2, 3, -1, -1, -1]);
  });

  it('pads a tall mask with zeros', () => {
    // 1 wide, 4 high: side 4, column 0 lands at x = floor(3 / 2) = 1.
    const padded = toSquare(Uint8Array.from([1, 2, 3, 4]), 1, 4, 1, 'pad', 0);
    expect(Array.from(padded)).toEqual([0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0]);
  });

  it('crops the centre', () => {
    // 5 wide, 2 high: side 2, columns from floor(3 / 2) = 1.
    const source = Float32Array.from([0, 1, 2, 3, 4, 10, 11, 12, 13, 14]);
    expect(Array.from(toSquare(source, 5, 2, 1, 'crop', -1))).toEqual([1, 2, 11, 12]);
  });

  it('keeps channels together', () => {
    const rgb = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const padded = toSquare(rgb, 2, 1, 3, 'pad', -1);
    expect(Array.from(padded)).toEqual([1, 2, 3, 4, 5, 6, -1, -1, -1, -1, -1, -1]);
  });

  it('returns a square as is', () => {
    const square = new Float32Array(4);
    expect(toSquare(square, 2, 2, 1, 'pad', -1)).toBe(square);
  });
});

describe('squareWindow', () => {
  it('places odd margins', () => {
    expect(squareWindow(154, 224, 'pad')).toEqual({ side: 224, offsetX: 35, offsetY: 0 });
    expect(squareWindow(154, 225, 'crop')).toEqual({ side: 154, offsetX: 0, offsetY: -35 });
  });
});
