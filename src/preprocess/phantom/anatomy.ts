/**
 * Geometry of the cardiac phantom: one short-axis slice of a chest in
 * field-of-view coordinates, where x and y run from -1 to 1 across the image
 * (y down, as image rows). Each subject draws its own heart position, size,
 * rotation, wall thickness and body shape; slices from base (t = 0) to apex
 * (t = 1) shrink the ventricles, and the right ventricle ends before the apex.
 */

import type { Random } from '../../core/random';

/** Tissue classes of the phantom; TISSUE_LABEL and TISSUE_SIGNAL are indexed by them. */
export const Tissue = {
  Air: 0,
  Lung: 1,
  Fat: 2,
  Muscle: 3,
  Bone: 4,
  LeftVentricle: 5,
  RightVentricle: 6,
  Myocardium: 7,
  RightVentricleWall: 8,
  Aorta: 9,
} as const;
export type Tissue = (typeof Tissue)[keyof typeof Tissue];

export const TISSUE_COUNT = 10;

/** ACDC labels per tissue: 1 right ventricle, 2 myocardium, 3 left ventricle, 0 the rest. */
export const TISSUE_LABEL = Uint8Array.from([0, 0, 0, 0, 0, 3, 1, 2, 0, 0]);

/**
 * Mean balanced-SSFP cine signal per tissue, in arbitrary units: blood and
 * fat bright, muscle and myocardium dark grey, bone darker, lungs and air
 * near black.
 */
export const TISSUE_SIGNAL = Float32Array.from([0.0, 0.06, 0.85, 0.42, 0.24, 0.95, 0.92, 0.3, 0.32, 0.95]);

interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/** What varies between subjects. */
export interface SubjectAnatomy {
  heartX: number;
  heartY: number;
  /** Direction of the right ventricle from the left ventricle centre, radians. */
  rotation: number;
  lvRadius: number;
  wallThickness: number;
  /** Relative variation of the wall thickness around the ring, and its phase. */
  wallVariation: number;
  wallPhase: number;
  rvReach: number;
  /** Epicardial fat around the left ventricle, outside the right ventricle. */
  epicardialFat: number;
  body: Ellipse;
  fatThickness: number;
  /** Per-tissue multiplier of the signal: contrast differs between scanners and subjects. */
  contrast: Float32Array;
}

export function drawAnatomy(random: Random): SubjectAnatomy {
  const between = (low: number, high: number) => low + (high - low) * random.uniform();
  const contrast = new Float32Array(TISSUE_COUNT);
  for (let tissue = 0; tissue < TISSUE_COUNT; tissue++) contrast[tissue] = Math.exp(0.08 * random.normal());
  return {
    heartX: between(-0.02, 0.12),
    heartY: between(-0.15, 0.0),
    rotation: Math.PI + between(-0.45, 0.45),
    lvRadius: between(0.17, 0.23),
    wallThickness: between(0.075, 0.095),
    wallVariation: between(0.05, 0.3),
    wallPhase: between(0, 2 * Math.PI),
    rvReach: between(0.95, 1.25),
    epicardialFat: between(0.01, 0.035),
    body: { cx: between(-0.04, 0.04), cy: between(-0.04, 0.04), rx: between(0.82, 0.92), ry: between(0.6, 0.72) },
    fatThickness: between(0.03, 0.07),
    contrast,
  };
}

/** One slice's shapes, precomputed for the per-sample classification. */
export interface SliceGeometry {
  heartX: number;
  heartY: number;
  cos: number;
  sin: number;
  lvRadius: number;
  wallThickness: number;
  wallVariation: number;
  wallPhase: number;
  /** Right ventricle cavity ellipse in the heart frame (x towards the RV); rx 0 when absent. */
  rv: Ellipse;
  rvWall: number;
  epicardialFat: number;
  body: Ellipse;
  fatThickness: number;
  lungs: [Ellipse, Ellipse];
  aorta: Ellipse;
  spine: Ellipse;
}

/** Shapes at position t in [0, 1] from base to apex. */
export function sliceGeometry(anatomy: SubjectAnatomy, t: number): SliceGeometry {
  const lvRadius = anatomy.lvRadius * (1 - 0.65 * t ** 1.3);
  const wallThickness = anatomy.wallThickness * (1 - 0.2 * t);
  const epicardium = lvRadius + wallThickness;
  const rvScale = Math.max(0, 1 - 1.2 * t) * anatomy.rvReach;
  const { body } = anatomy;
  return {
    // The apex points forward and to the left, so the heart drifts slightly with t.
    heartX: anatomy.heartX + 0.04 * t,
    heartY: anatomy.heartY - 0.03 * t,
    cos: Math.cos(anatomy.rotation),
    sin: Math.sin(anatomy.rotation),
    lvRadius,
    wallThickness,
    wallVariation: anatomy.wallVariation,
    wallPhase: anatomy.wallPhase,
    rv: { cx: 0.5 * epicardium, cy: 0, rx: 1.1 * epicardium * rvScale, ry: 1.35 * epicardium * rvScale },
    rvWall: 0.02,
    epicardialFat: anatomy.epicardialFat,
    body,
    fatThickness: anatomy.fatThickness,
    lungs: [
      { cx: body.cx - 0.6 * body.rx, cy: body.cy - 0.02, rx: 0.24 * body.rx, ry: 0.6 * body.ry },
      { cx: body.cx + 0.62 * body.rx, cy: body.cy - 0.02, rx: 0.22 * body.rx, ry: 0.58 * body.ry },
    ],
    aorta: { cx: body.cx + 0.14, cy: body.cy + 0.56 * body.ry, rx: 0.065, ry: 0.065 },
    spine: { cx: body.cx, cy: body.cy + 0.78 * body.ry, rx: 0.1, ry: 0.08 },
  };
}

function inside(e: Ellipse, x: number, y: number, grow = 0): boolean {
  const dx = (x - e.cx) / (e.rx + grow);
  const dy = (y - e.cy) / (e.ry + grow);
  return dx * dx + dy * dy < 1;
}

/** Tissue at field-of-view point (x, y). */
export function tissueAt(g: SliceGeometry, x: number, y: number): Tissue {
  // Heart frame: origin at the LV centre, +x towards the right ventricle.
  const dx = x - g.heartX;
  const dy = y - g.heartY;
  const hx = dx * g.cos + dy * g.sin;
  const hy = -dx * g.sin + dy * g.cos;
  const radius = Math.sqrt(hx * hx + hy * hy);
  if (radius < g.lvRadius) return Tissue.LeftVentricle;
  const wall = g.wallThickness * (1 + g.wallVariation * Math.cos(Math.atan2(hy, hx) - g.wallPhase));
  if (radius < g.lvRadius + wall) return Tissue.Myocardium;
  if (g.rv.rx > 0) {
    if (inside(g.rv, hx, hy)) return Tissue.RightVentricle;
    if (inside(g.rv, hx, hy, g.rvWall)) return Tissue.RightVentricleWall;
  }
  if (radius < g.lvRadius + wall + g.epicardialFat) return Tissue.Fat;
  return surroundingsAt(g, x, y);
}

function surroundingsAt(g: SliceGeometry, x: number, y: number): Tissue {
  if (!inside(g.body, x, y)) return Tissue.Air;
  if (!inside(g.body, x, y, -g.fatThickness)) return Tissue.Fat;
  if (inside(g.aorta, x, y)) return Tissue.Aorta;
  if (inside(g.spine, x, y)) return Tissue.Bone;
  if (inside(g.lungs[0], x, y) || inside(g.lungs[1], x, y)) return Tissue.Lung;
  return Tissue.Muscle;
}
