/**
 * Geometry the viewport culling needs, in flow coordinates: rectangles, a segment–rectangle
 * test, and the shape of a Linkgraph edge. Pure and framework-free so the index and its
 * brute-force reference in the tests share one definition of "visible".
 */

import { CARD } from '../../../shared/ui-constants';

/** An axis-aligned rectangle, min corner inclusive, max corner inclusive. */
export interface Rect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A card's size (shared/ui-constants.ts); used until React Flow measures one. */
export const DEFAULT_NODE_SIZE = { width: CARD.width, height: CARD.height } as const;

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}

export function inflateRect(r: Rect, by: number): Rect {
  return { minX: r.minX - by, minY: r.minY - by, maxX: r.maxX + by, maxY: r.maxY + by };
}

// Liang–Barsky's running parameter interval; module-level so the hot path allocates nothing.
let clipT0 = 0;
let clipT1 = 1;

/** Narrows [clipT0, clipT1] to where p·t <= q holds; false once the interval is empty. */
function clipSide(p: number, q: number): boolean {
  if (p === 0) return q >= 0; // parallel to this side: inside it or not at all
  const t = q / p;
  if (p < 0) {
    if (t > clipT1) return false;
    if (t > clipT0) clipT0 = t;
  } else {
    if (t < clipT0) return false;
    if (t < clipT1) clipT1 = t;
  }
  return true;
}

/**
 * Whether the segment (x0,y0)–(x1,y1) touches the rectangle (Liang–Barsky clipping): the
 * parameter interval [0,1] is narrowed by each of the four sides and must stay non-empty.
 */
export function segmentIntersectsRect(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  r: Rect,
): boolean {
  clipT0 = 0;
  clipT1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  return (
    clipSide(-dx, x0 - r.minX) &&
    clipSide(dx, r.maxX - x0) &&
    clipSide(-dy, y0 - r.minY) &&
    clipSide(dy, r.maxY - y0)
  );
}

/**
 * The four control points of the cubic Bézier React Flow draws for a default edge from a
 * source handle on the right of a card to a target handle on its left — the same formula as
 * `getBezierPath` in @xyflow/system (curvature 0.25). Backward edges (target left of source)
 * bulge outward by 6.25·√|dx|, which is why a box around the two endpoints is not enough.
 * Written into `out` (x0,y0,x1,y1,x2,y2,x3,y3) so hot loops allocate nothing.
 */
export function edgeControlPoints(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  out: Float64Array,
): Float64Array {
  const dx = tx - sx;
  const offset = dx >= 0 ? 0.5 * dx : 0.25 * 25 * Math.sqrt(-dx);
  out[0] = sx;
  out[1] = sy;
  out[2] = sx + offset;
  out[3] = sy;
  out[4] = tx - offset;
  out[5] = ty;
  out[6] = tx;
  out[7] = ty;
  return out;
}

/** The control points' bounding box, which contains the whole curve (convex hull property). */
export function controlBounds(c: Float64Array): Rect {
  const x0 = c[0] as number;
  const y0 = c[1] as number;
  const x1 = c[2] as number;
  const x2 = c[4] as number;
  const x3 = c[6] as number;
  const y3 = c[7] as number;
  // c[3] === y0 and c[5] === y3 for horizontal handles, so y needs only the end points.
  return {
    minX: Math.min(x0, x1, x2, x3),
    minY: Math.min(y0, y3),
    maxX: Math.max(x0, x1, x2, x3),
    maxY: Math.max(y0, y3),
  };
}

/**
 * How many chords a curve is flattened into: one per ~128 px of control polygon, at least
 * 16 and at most 512, so a 30,000 px edge across the plane is followed as closely as a short
 * one (a fixed count would let long curves stray hundreds of pixels from their chords).
 */
export function curveSegments(c: Float64Array): number {
  let length = 0;
  for (let i = 0; i < 6; i += 2) {
    length += Math.hypot(
      (c[i + 2] as number) - (c[i] as number),
      (c[i + 3] as number) - (c[i + 1] as number),
    );
  }
  return Math.min(512, Math.max(16, Math.ceil(length / 128)));
}

/**
 * The parameter range [first, last] of the chords of the curve `c` that touch `r`, or null
 * when none does; with `stopAtFirst`, only whether there is one (the range is then partial).
 */
function chordRange(c: Float64Array, r: Rect, stopAtFirst: boolean): [number, number] | null {
  const x0 = c[0] as number;
  const y0 = c[1] as number;
  const x1 = c[2] as number;
  const y1 = c[3] as number;
  const x2 = c[4] as number;
  const y2 = c[5] as number;
  const x3 = c[6] as number;
  const y3 = c[7] as number;
  const n = curveSegments(c);
  let first = -1;
  let last = -1;
  let px = x0;
  let py = y0;
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const d = 3 * u * t * t;
    const e = t * t * t;
    const qx = a * x0 + b * x1 + d * x2 + e * x3;
    const qy = a * y0 + b * y1 + d * y2 + e * y3;
    if (segmentIntersectsRect(px, py, qx, qy, r)) {
      if (first < 0) first = i - 1;
      last = i;
      if (stopAtFirst) break;
    }
    px = qx;
    py = qy;
  }
  return first < 0 ? null : [first / n, last / n];
}

/**
 * Whether the cubic with control points `c` passes through `r`: the curve is flattened into
 * chords (curveSegments) and each is clipped against the rectangle. Deterministic, so the
 * index and the brute-force reference agree exactly.
 */
export function curveIntersectsRect(c: Float64Array, r: Rect): boolean {
  return chordRange(c, r, true) !== null;
}

/** The part of the curve inside `r` as a parameter range (first entry to last exit). */
export function visibleCurveRange(c: Float64Array, r: Rect): [number, number] | null {
  return chordRange(c, r, false);
}

/** The piece of the cubic between parameters t0 < t1, as a cubic of its own (de Casteljau). */
export function subCurve(c: Float64Array, t0: number, t1: number): Float64Array {
  const split = (p: Float64Array, t: number, keepLeft: boolean): Float64Array => {
    const lerp = (a: number, b: number) => a + (b - a) * t;
    const out = new Float64Array(8);
    for (let k = 0; k < 2; k++) {
      const p0 = p[k] as number;
      const p1 = p[2 + k] as number;
      const p2 = p[4 + k] as number;
      const p3 = p[6 + k] as number;
      const a = lerp(p0, p1);
      const b = lerp(p1, p2);
      const cc = lerp(p2, p3);
      const ab = lerp(a, b);
      const bc = lerp(b, cc);
      const m = lerp(ab, bc);
      const left = [p0, a, ab, m];
      const right = [m, bc, cc, p3];
      const pick = keepLeft ? left : right;
      for (let j = 0; j < 4; j++) out[2 * j + k] = pick[j] as number;
    }
    return out;
  };
  const head = t1 < 1 ? split(c, t1, true) : c;
  return t0 > 0 ? split(head, t0 / t1, false) : head;
}

/** A point on the cubic at parameter t (used by the tests to sample the true curve). */
export function curvePoint(c: Float64Array, t: number): { x: number; y: number } {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return {
    x: a * (c[0] as number) + b * (c[2] as number) + d * (c[4] as number) + e * (c[6] as number),
    y: a * (c[1] as number) + b * (c[3] as number) + d * (c[5] as number) + e * (c[7] as number),
  };
}
