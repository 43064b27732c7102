import { useEffect, useRef } from 'react';
import { renderSlice, type SlicePixels } from './slice-render';

interface SliceCanvasProps {
  slice: SlicePixels;
  /** Accessible description, e.g. "Slice 4 of patient001 with its mask". */
  label: string;
  /** Displayed side in CSS pixels. */
  displaySide?: number;
  overlay?: number;
}

/** One slice drawn at its own resolution and scaled up without smoothing. */
export function SliceCanvas({ slice, label, displaySide = 96, overlay }: SliceCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const pixels = renderSlice(slice, overlay);
    context.putImageData(new ImageData(new Uint8ClampedArray(pixels), slice.side, slice.side), 0, 0);
  }, [slice, overlay]);

  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={label}
      width={slice.side}
      height={slice.side}
      className="slice-canvas"
      style={{ width: displaySide, height: displaySide }}
    />
  );
}
