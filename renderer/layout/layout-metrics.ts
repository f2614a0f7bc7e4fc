/**
 * How readable a layout is, measured the way the layout benchmark and tests compare engines:
 * the number of link crossings and the total length of the links. A link is a polyline (two
 * points for a straight link, start + bends + end for an orthogonal route). Pure: no DOM, no
 * React.
 */
import type { Point } from './layout-types';

export interface DrawnLink {
  /** The nodes the link joins: links sharing a node are not counted as crossing each other. */
  source: string;
  target: string;
  points: readonly Point[];
}

interface Segment {
  link: number;
  a: Point;
  b: Point;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Which side of the line a→b the point c is on: >0 left, <0 right, 0 on it. */
const orient = (a: Point, b: Point, c: Point): number =>
  Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));

/**
 * Whether two segments cross at one point inside both. Touching (an end on the other
 * segment) and overlapping along the same line are not crossings: orthogonal routes leaving
 * one port share their first piece, and that is not a crossing anyone sees.
 */
export function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/**
 * Crossings between links that share no node; two links crossing twice count twice.
 * A sweep over the segments sorted by their left end, so only segments whose boxes overlap
 * are compared.
 */
export function countCrossings(links: readonly DrawnLink[]): number {
  const segments: Segment[] = [];
  links.forEach((link, index) => {
    for (let i = 1; i < link.points.length; i++) {
      const a = link.points[i - 1]!;
      const b = link.points[i]!;
      if (a.x === b.x && a.y === b.y) continue;
      segments.push({
        link: index,
        a,
        b,
        minX: Math.min(a.x, b.x),
        maxX: Math.max(a.x, b.x),
        minY: Math.min(a.y, b.y),
        maxY: Math.max(a.y, b.y),
      });
    }
  });
  segments.sort((s, t) => s.minX - t.minX);
  let crossings = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const ls = links[s.link]!;
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j]!;
      if (t.minX > s.maxX) break;
      if (t.link === s.link || t.maxY < s.minY || t.minY > s.maxY) continue;
      const lt = links[t.link]!;
      if (
        ls.source === lt.source ||
        ls.source === lt.target ||
        ls.target === lt.source ||
        ls.target === lt.target
      )
        continue;
      if (segmentsCross(s.a, s.b, t.a, t.b)) crossings++;
    }
  }
  return crossings;
}

/** The summed length of every link's polyline. */
export function totalLength(links: readonly DrawnLink[]): number {
  let sum = 0;
  for (const { points } of links)
    for (let i = 1; i < points.length; i++)
      sum += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  return sum;
}

/** The rectangle every node lies in, for a layout's width and height. */
export function extent(
  positions: Readonly<Record<string, Point>>,
  size: { width: number; height: number },
): { width: number; height: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of Object.values(positions)) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + size.width);
    maxY = Math.max(maxY, p.y + size.height);
  }
  return minX === Infinity ? { width: 0, height: 0 } : { width: maxX - minX, height: maxY - minY };
}

/**
 * Links drawn straight from where they leave a card to where they enter the other: the
 * middle of the right and left sides left→right (where the canvas's handles are, `handleY`
 * down from the top), bottom and top middles top→down.
 */
export function straightLinks(
  positions: Readonly<Record<string, Point>>,
  edges: readonly { source: string; target: string }[],
  size: { width: number; height: number; handleY: number },
  direction: 'LR' | 'TB',
): DrawnLink[] {
  const out: DrawnLink[] = [];
  for (const { source, target } of edges) {
    const s = positions[source];
    const t = positions[target];
    if (!s || !t) continue;
    const points =
      direction === 'LR'
        ? [
            { x: s.x + size.width, y: s.y + size.handleY },
            { x: t.x, y: t.y + size.handleY },
          ]
        : [
            { x: s.x + size.width / 2, y: s.y + size.height },
            { x: t.x + size.width / 2, y: t.y },
          ];
    out.push({ source, target, points });
  }
  return out;
}
