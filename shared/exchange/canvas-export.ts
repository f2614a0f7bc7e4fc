/**
 * JSON Canvas 1.0 export (https://jsoncanvas.org/spec/1.0/, Obsidian's open format) of the
 * active graph: each node a `text` card at its position, each link an edge with an arrow at
 * its target. Canvas has no dashed edges, so the link's kind is spelled in its label (see
 * canvas-text.ts); statuses use the preset colours (red blocked, yellow in progress, green
 * completed).
 */
import type { NodeStatus } from '../model/types';
import { CARD } from '../ui-constants';
import { cardText, edgeLabel } from './canvas-text';
import { joinPieces, LazyList, prettyJsonPieces, type Pieces } from './pieces';
import { printable } from './text';
import type { ExchangeGraph } from './types';
import { ActivePart } from './visible';
import { customTypeMap, isBlocking } from './visual-style';

/** The app's card size (shared/ui-constants.ts), so a plan opens in Canvas as it is laid out. */
export const CARD_WIDTH = CARD.width;
export const CARD_HEIGHT = CARD.height;
/** JSON Canvas preset colours: "1" red, "3" yellow, "4" green. */
const STATUS_CANVAS_COLOR: Record<NodeStatus, string | undefined> = {
  0: undefined,
  1: '3',
  2: '1',
  3: '4',
};

export interface CanvasTextNode {
  id: string;
  type: 'text';
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color?: string;
}

export interface CanvasEdge {
  id: string;
  fromNode: string;
  toNode: string;
  toEnd: 'arrow';
  label?: string;
  color?: string;
}

export function* canvasPieces(graph: ExchangeGraph, pieceChars?: number): Pieces {
  // Cards before edges: the edges' filter needs every card's node (ActivePart).
  const active = new ActivePart(graph);
  const customTypes = customTypeMap(graph.custom_link_types);
  const canvasNodes = LazyList.of(active.nodes(), (n): CanvasTextNode => {
    const color = STATUS_CANVAS_COLOR[n.status];
    return {
      id: n.id,
      type: 'text',
      text: printable(cardText(n)),
      // The spec's coordinates and sizes are integer pixels.
      x: Math.round(n.position.x),
      y: Math.round(n.position.y),
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      ...(color === undefined ? {} : { color }),
    };
  });
  const edges = LazyList.of(active.links(), (l): CanvasEdge => ({
    id: l.id,
    fromNode: l.source,
    toNode: l.target,
    toEnd: 'arrow',
    label: printable(edgeLabel(l, customTypes)),
    ...(isBlocking(l) ? { color: '1' } : {}),
  }));
  yield* prettyJsonPieces({ nodes: canvasNodes, edges }, pieceChars);
  yield '\n';
}

export const exportCanvas = (graph: ExchangeGraph): string => joinPieces(canvasPieces(graph));
