/**
 * An SVG path for a laid-out link's orthogonal route, or null when the route no longer fits
 * the cards (one was moved since the layout): then the canvas draws its usual curve.
 */
import { CARD } from '../../shared/ui-constants';
import type { Point } from './layout-types';
import { useRouteStore, type Route } from './route-store';

/** Corner rounding of a route's bends, in flow pixels. */
const RADIUS = 8;

/**
 * How far outside a card its handle's link end may be: the 12 px handles (styles.css) sit
 * on the card's border, and React Flow ends a link at the handle's outer side.
 */
const HANDLE_REACH = 12;

/**
 * Whether a link end at (x, y) is still the handle of the card laid out at `at`: its right
 * side's (source) or left side's (target), halfway down a card of one to three title lines.
 * A card moved by more than a handle's width, or more than a title line up or down, is not.
 */
function isHandleOf(x: number, y: number, at: Point, side: 'left' | 'right'): boolean {
  const edgeX = side === 'right' ? at.x + CARD.width : at.x;
  const top = at.y + CARD.height / 2;
  const bottom = at.y + (CARD.height + 2 * CARD.titleLine) / 2;
  return Math.abs(x - edgeX) <= HANDLE_REACH && y >= top - 1 && y <= bottom + 1;
}

export function routePath(
  route: Route | undefined,
  ends: { sourceX: number; sourceY: number; targetX: number; targetY: number },
): { path: string; labelX: number; labelY: number } | null {
  if (!route || route.points.length < 2) return null;
  const { sourceX, sourceY, targetX, targetY } = ends;
  if (
    !isHandleOf(sourceX, sourceY, route.source, 'right') ||
    !isHandleOf(targetX, targetY, route.target, 'left')
  )
    return null;
  const points = route.points.map((p) => ({ ...p }));
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (
    route.direction === 'LR' &&
    Math.abs(first.x - sourceX) <= HANDLE_REACH &&
    Math.abs(last.x - targetX) <= HANDLE_REACH
  ) {
    // The route was laid out to a one-line card's handle; a taller card's handle is a few
    // pixels lower: the ends follow the handles, and the pieces that were level stay level.
    // (A route laid out the other way round — a child before its parent — ends on the
    // cards' other sides and is drawn as laid out.)
    if (points.length > 2 && points[1]!.y === first.y) points[1]!.y = sourceY;
    if (points.length > 2 && points[points.length - 2]!.y === last.y)
      points[points.length - 2]!.y = targetY;
    points[0] = { x: sourceX, y: sourceY };
    points[points.length - 1] = { x: targetX, y: targetY };
  }
  return { path: roundedPolyline(points), ...midpoint(points) };
}

/** A polyline with its bends rounded (quadratic corners, at most half of either piece). */
function roundedPolyline(points: readonly Point[]): string {
  let d = `M ${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const at = points[i]!;
    const next = points[i + 1]!;
    const r = Math.min(
      RADIUS,
      Math.hypot(at.x - prev.x, at.y - prev.y) / 2,
      Math.hypot(next.x - at.x, next.y - at.y) / 2,
    );
    const before = towards(at, prev, r);
    const after = towards(at, next, r);
    d += ` L ${before.x},${before.y} Q ${at.x},${at.y} ${after.x},${after.y}`;
  }
  const end = points[points.length - 1]!;
  return `${d} L ${end.x},${end.y}`;
}

function towards(from: Point, to: Point, distance: number): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  return {
    x: from.x + ((to.x - from.x) * distance) / length,
    y: from.y + ((to.y - from.y) * distance) / length,
  };
}

/** The point halfway along the route, where the link's label goes. */
function midpoint(points: readonly Point[]): { labelX: number; labelY: number } {
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const piece = Math.hypot(b.x - a.x, b.y - a.y);
    if (piece >= left && piece > 0)
      return {
        labelX: a.x + ((b.x - a.x) * left) / piece,
        labelY: a.y + ((b.y - a.y) * left) / piece,
      };
    left -= piece;
  }
  return { labelX: points[0]!.x, labelY: points[0]!.y };
}

/** The laid-out route of link `id` as a path, while it still fits its cards (else null). */
export function useRoutedPath(props: {
  id: string;
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
}): { path: string; labelX: number; labelY: number } | null {
  const route = useRouteStore((s) => s.routes.get(props.id));
  return route ? routePath(route, props) : null;
}
