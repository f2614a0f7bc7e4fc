/**
 * Fitting the view to the part a person is looking at, at a zoom where cards can be read.
 * A small part is fitted whole; a part too large to fit above READABLE_ZOOM is shown at
 * READABLE_ZOOM instead of as dust: from where it starts after a layout, else around its
 * middle. Only "fit the whole plan", asked for explicitly, may go lower (fitGraph).
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { NodeRecord } from '../../shared/model/types';
import { CARD } from '../../shared/ui-constants';
import { graphBounds } from '../canvas/fit-graph';
import { OVERVIEW_BELOW } from '../canvas/level-of-detail';
import { reach } from '../find/find-logic';
import { useFindStore } from '../find/find-store';
import { useEditorStore } from '../state/editor-store';
import { activeLinks, activeNodes, useGraphStore } from '../state/graph-store';

/** Titles show from OVERVIEW_BELOW up (level-of-detail.ts); a little above it they read. */
export const READABLE_ZOOM = Math.max(0.5, OVERVIEW_BELOW + 0.05);
/** Fitting never zooms in further than this (a single card is not blown up). */
const MAX_FIT_ZOOM = 1.25;
const PADDING = 40;

type Flow = Pick<ReactFlowInstance, 'fitBounds' | 'setViewport' | 'getZoom'>;

/** The canvas element's size on screen (the view the fit is for). */
function viewSize(): { width: number; height: number } | null {
  const box = document.querySelector('.react-flow')?.getBoundingClientRect();
  return box && box.width > 0 && box.height > 0 ? { width: box.width, height: box.height } : null;
}

/** The zoom at which `bounds` fits the view with padding (uncapped). */
export function zoomToFit(
  bounds: { width: number; height: number },
  view: { width: number; height: number },
): number {
  return Math.min(
    (view.width - 2 * PADDING) / Math.max(bounds.width, 1),
    (view.height - 2 * PADDING) / Math.max(bounds.height, 1),
  );
}

export function fitReadable(
  flow: Flow,
  records: Iterable<NodeRecord>,
  duration = 300,
  /** Where the part starts (a layout's direction), or null: around its middle card. */
  start: 'left' | 'top' | null = null,
): void {
  const list = [...records];
  const bounds = graphBounds(list);
  const view = viewSize();
  if (!bounds || !view) return;
  const zoom = Math.min(zoomToFit(bounds, view), MAX_FIT_ZOOM);
  if (zoom >= READABLE_ZOOM) {
    // Centred, at the fitting zoom.
    const x = view.width / 2 - (bounds.x + bounds.width / 2) * zoom;
    const y = view.height / 2 - (bounds.y + bounds.height / 2) * zoom;
    void flow.setViewport({ x, y, zoom }, { duration });
    return;
  }
  // Too big to read whole: at the readable zoom, where it starts — its first columns (left→
  // right) or rows (top→down), centred on their cards — or, with no direction, around the
  // card nearest its middle. Whatever fits one way is centred that way.
  const z = READABLE_ZOOM;
  const spanW = (view.width - 2 * PADDING) / z;
  const spanH = (view.height - 2 * PADDING) / z;
  const centre = (n: NodeRecord) => ({
    x: n.position.x + CARD.width / 2,
    y: n.position.y + CARD.height / 2,
  });
  const mean = (ns: NodeRecord[], axis: 'x' | 'y') =>
    ns.reduce((sum, n) => sum + centre(n)[axis], 0) / Math.max(ns.length, 1);
  let cx: number;
  let cy: number;
  if (start === 'left') {
    cx = bounds.x + spanW / 2;
    cy = mean(
      list.filter((n) => n.position.x < bounds.x + spanW),
      'y',
    );
  } else if (start === 'top') {
    cy = bounds.y + spanH / 2;
    cx = mean(
      list.filter((n) => n.position.y < bounds.y + spanH),
      'x',
    );
  } else {
    const mx = mean(list, 'x');
    const my = mean(list, 'y');
    const nearest = list.reduce((best, n) =>
      Math.hypot(centre(n).x - mx, centre(n).y - my) <
      Math.hypot(centre(best).x - mx, centre(best).y - my)
        ? n
        : best,
    );
    ({ x: cx, y: cy } = centre(nearest));
  }
  if (bounds.width <= spanW) cx = bounds.x + bounds.width / 2;
  if (bounds.height <= spanH) cy = bounds.y + bounds.height / 2;
  void flow.setViewport(
    { x: view.width / 2 - cx * z, y: view.height / 2 - cy * z, zoom: z },
    { duration },
  );
}

/**
 * What is in focus: the selected nodes, else the find panel's blocker chain or focus, else
 * null (nothing in particular: the whole plan).
 */
export function focusedRecords(): NodeRecord[] | null {
  const { nodes, links, customTypes } = useGraphStore.getState();
  const selected = useEditorStore.getState().selectedNodes;
  const pick = (ids: Iterable<string>) =>
    [...ids].map((id) => nodes.get(id)).filter((n): n is NodeRecord => !!n && !n.in_trash);
  if (selected.length > 0) return pick(selected);
  const { chain, focus } = useFindStore.getState();
  if (chain) return pick(chain.nodes);
  if (focus) return pick(reach(focus.id, activeLinks(links, nodes), customTypes, focus).nodes);
  return null;
}

/**
 * The fit button: the part in focus at a readable zoom; with nothing in focus, the whole
 * plan (the person asked for all of it, so it may be small).
 */
export function fitFocus(flow: Flow, fitWhole: (records: NodeRecord[]) => void): void {
  const focused = focusedRecords();
  if (focused && focused.length > 0) fitReadable(flow, focused);
  else fitWhole(activeNodes(useGraphStore.getState().nodes));
}
