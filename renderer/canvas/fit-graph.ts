/**
 * Fitting the view to the whole graph, from the records rather than from what React Flow holds:
 * a large canvas is virtualised (only what is on screen is mounted), so React Flow's `fitView`
 * would fit the few mounted cards. Card size: the one everything draws (shared/ui-constants.ts).
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { GraphOutline } from '../../shared/contract/graph-outline';
import type { NodeRecord } from '../../shared/model/types';
import { CARD } from '../../shared/ui-constants';
import { placesEditOf, placesOf } from '../state/active-graph';
import { outlineStore } from '../state/outline-store';

const CARD_WIDTH = CARD.width;
const CARD_HEIGHT = CARD.height;

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The last bounds of a graph store's node list (active-graph.ts `places`). */
let lastBounds: { places: number; list: readonly NodeRecord[]; bounds: Bounds | null } | null =
  null;

/**
 * The rectangle every card of `records` lies in (null for none). For the graph store's active
 * list the answer is kept until a node moves, comes or goes (no pass per status change), and
 * extended by the new ones when nodes only came or went (created, trashed, restored).
 */
export function graphBounds(records: Iterable<NodeRecord>): Bounds | null {
  const list = Array.isArray(records) ? (records as readonly NodeRecord[]) : undefined;
  const places = list ? placesOf(list) : undefined;
  if (!list || places === undefined) return boundsOf(records);
  if (lastBounds?.places !== places) {
    const last = lastBounds;
    const edit = placesEditOf(list);
    // Nodes only came and went since the kept bounds: extended by those that came, unless one
    // that went lay on the bounds' edge (then they may shrink: measured again).
    const bounds =
      last && edit?.from === last.list && !edit.gone.some((n) => onEdge(n, last.bounds))
        ? extend(last.bounds, boundsOf(edit.added))
        : boundsOf(list);
    lastBounds = { places, list, bounds };
  }
  return lastBounds.bounds;
}

function onEdge({ position: { x, y } }: NodeRecord, b: Bounds | null): boolean {
  return (
    !b ||
    x <= b.x ||
    y <= b.y ||
    x + CARD_WIDTH >= b.x + b.width ||
    y + CARD_HEIGHT >= b.y + b.height
  );
}

function extend(a: Bounds | null, b: Bounds | null): Bounds | null {
  if (!a || !b) return a ?? b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

function boundsOf(records: Iterable<NodeRecord>): Bounds | null {
  const box = new BoxOf();
  for (const { position } of records) box.add(position.x, position.y);
  return box.bounds();
}

/** The rectangle every card of a plan's outline lies in (the same as its records'). */
export function outlineBounds(outline: Pick<GraphOutline, 'count' | 'x' | 'y'>): Bounds | null {
  const box = new BoxOf();
  for (let i = 0; i < outline.count; i++) box.add(outline.x[i]!, outline.y[i]!);
  return box.bounds();
}

/** Cards' corners in, their box out (one arithmetic for records and outlines alike). */
class BoxOf {
  private minX = Infinity;
  private minY = Infinity;
  private maxX = -Infinity;
  private maxY = -Infinity;
  add(x: number, y: number): void {
    this.minX = Math.min(this.minX, x);
    this.minY = Math.min(this.minY, y);
    this.maxX = Math.max(this.maxX, x + CARD_WIDTH);
    this.maxY = Math.max(this.maxY, y + CARD_HEIGHT);
  }
  bounds(): Bounds | null {
    const { minX, minY, maxX, maxY } = this;
    return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
  }
}

type Flow = Pick<ReactFlowInstance, 'fitBounds' | 'setCenter' | 'getZoom'>;

/** Fits the whole graph (every active record) into the view. */
export function fitGraph(flow: Flow, records: Iterable<NodeRecord>, duration = 300): void {
  fitBounds(flow, graphBounds(records), duration);
}

/**
 * The Fit of the button, the F key and the menu: the records shown, or while a large plan's
 * records load, its outline (renderer/state/outline-store.ts), whose box they will have.
 */
export function fitPlan(flow: Flow, records: readonly NodeRecord[], duration = 300): void {
  const outline = records.length === 0 ? outlineStore.getState().outline : null;
  fitBounds(flow, outline ? outlineBounds(outline) : graphBounds(records), duration);
}

/** Fits `bounds` into the view (as fitGraph does for records' bounds). */
export function fitBounds(flow: Flow, bounds: Bounds | null, duration = 300): void {
  if (bounds) void flow.fitBounds(bounds, { padding: 0.1, duration });
}

/** Centres the view on one node (mounted or not), at a readable zoom. */
export function centreOn(flow: Flow, record: NodeRecord, duration = 300): void {
  void flow.setCenter(record.position.x + CARD_WIDTH / 2, record.position.y + CARD_HEIGHT / 2, {
    zoom: Math.max(flow.getZoom(), 1),
    duration,
  });
}
