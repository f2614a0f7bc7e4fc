/**
 * Laying out the plan, or only the selected nodes among themselves: the layout runs in the
 * worker, the laid-out part keeps its place on the canvas (its top-left corner stays where
 * the part's was), every node that moves moves in ONE `node.move` command (one batch, one
 * undo step), the routes become view state (route-store.ts) and the view fits the part at a
 * readable zoom (fit-focus.ts).
 */
import type { ReactFlowInstance } from '@xyflow/react';
import type { NodeRecord } from '../../shared/model/types';
import { CARD } from '../../shared/ui-constants';
import { command } from '../app/commands';
import { graphBounds } from '../canvas/fit-graph';
import { linkEnds } from '../canvas/flow-elements';
import { activeLinks, activeNodes, useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { fitReadable } from './fit-focus';
import { layoutInWorker } from './layout-client';
import type { LayoutDirection, LayoutResult, Point } from './layout-types';
import { useRouteStore, type Route } from './route-store';

/** A card's size (shared/ui-constants.ts) plus room for a second title line. */
export const NODE_WIDTH = CARD.width;
export const NODE_HEIGHT = CARD.height + CARD.titleLine;

type Flow = Pick<ReactFlowInstance, 'fitBounds' | 'setViewport' | 'getZoom'>;

/**
 * Lays out `only` (node ids; null: every active node) in `direction`. Answers whether
 * anything moved; a refusal or a failed layout is said in a toast.
 */
export async function layoutAndApply(
  flow: Flow | null,
  direction: LayoutDirection,
  only: readonly string[] | null,
): Promise<boolean> {
  const { nodes, links, customTypes } = useGraphStore.getState();
  const wanted = only ? new Set(only) : null;
  const part = activeNodes(nodes).filter((n) => !wanted || wanted.has(n.id));
  if (part.length < (only ? 2 : 1)) return false;
  const inPart = new Set(part.map((n) => n.id));
  const partLinks = activeLinks(links, nodes).filter(
    (l) => inPart.has(l.source) && inPart.has(l.target),
  );
  let result: LayoutResult;
  try {
    result = await layoutInWorker({
      nodes: part.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
      // Blockers before what they block, whichever end of the link they are ([L2]: a
      // child blocks its parent), so the plan reads in the order work can be done.
      edges: partLinks.map((l) => {
        const { blocker, blocked } = linkEnds(l, customTypes);
        return { id: l.id, source: blocker, target: blocked };
      }),
      direction,
    });
  } catch (error) {
    useUiStore
      .getState()
      .toast('error', `The layout failed: ${error instanceof Error ? error.message : error}`);
    return false;
  }
  const shift = placeLike(part, result.positions);
  const moves: { id: string; position: Point }[] = [];
  // The graph may have changed while the worker ran: only nodes still active move.
  const now = useGraphStore.getState().nodes;
  for (const node of part) {
    const laid = result.positions[node.id];
    const current = now.get(node.id);
    if (!laid || !current || current.in_trash) continue;
    const position = { x: laid.x + shift.x, y: laid.y + shift.y };
    if (position.x !== current.position.x || position.y !== current.position.y)
      moves.push({ id: node.id, position });
  }
  if (moves.length > 0 && !(await command('node.move', { moves }))) return false;
  const routes = new Map<string, Route>();
  for (const link of partLinks) {
    // Routes run blocker → blocked; the canvas draws source → target.
    const laidFrom = linkEnds(link, customTypes).blocker === link.source;
    const points = laidFrom ? result.routes[link.id] : result.routes[link.id]?.toReversed();
    const source = result.positions[link.source];
    const target = result.positions[link.target];
    if (!points || !source || !target) continue;
    routes.set(link.id, {
      direction,
      points: points.map((p) => ({ x: p.x + shift.x, y: p.y + shift.y })),
      source: { x: source.x + shift.x, y: source.y + shift.y },
      target: { x: target.x + shift.x, y: target.y + shift.y },
    });
  }
  useRouteStore.getState().setRoutes(
    routes,
    partLinks.map((l) => l.id),
  );
  if (flow) {
    const after = useGraphStore.getState().nodes;
    fitReadable(
      flow,
      part.map((n) => after.get(n.id) ?? n),
      300,
      direction === 'LR' ? 'left' : 'top',
    );
  }
  return moves.length > 0;
}

/** How far the layout's own origin moves so its top-left corner is where the part's was. */
function placeLike(part: readonly NodeRecord[], laid: Record<string, Point>): Point {
  const before = graphBounds(part);
  let minX = Infinity;
  let minY = Infinity;
  for (const p of Object.values(laid)) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
  }
  if (!before || minX === Infinity) return { x: 0, y: 0 };
  return { x: Math.round(before.x - minX), y: Math.round(before.y - minY) };
}
