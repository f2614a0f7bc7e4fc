/**
 * A plan's outline (`graph.outline`, docs/canvas-performance.md "The outline first"): what
 * the overview layer draws of a large plan at fit-all, and nothing more — each node on the
 * canvas as its place and status, and the links blocking right now as pairs of node
 * positions. No ids, titles or other fields: at 100,000 nodes it is ~1.5 MB against the
 * columns' ~22 MB, so the editor shows the whole plan while the full view (`graph.columns`)
 * is still being encoded, sent and read. The same member's view as `graph.columns`
 * (visibility is the service's), the same canvas rules as the editor's lists
 * (shared/model/on-canvas.ts, shared/engine/blocking-now.ts), in the same order.
 */
import type { CustomLinkType, LinkRecord, NodeRecord } from '../model/types';
import { linkOnCanvas, nodeOnCanvas } from '../model/on-canvas';
import { isBlockingNow, type Lookup } from '../engine/blocking-now';
import type { WorkspaceInfo } from './methods';

export interface GraphOutline {
  workspace: WorkspaceInfo;
  /** Whose view this is. */
  member: string;
  /** Nodes on the canvas (not in the trash), in the view's order. */
  count: number;
  /** Each node's position (its card's top left corner). */
  x: number[];
  y: number[];
  /** Each node's status code (0–3), one digit per node. */
  status: string;
  /** The links blocking right now: their source's and target's positions in the lists above, pair by pair. */
  blocking: number[];
}

/**
 * The outline of a member's view (GraphView's nodes and links, in its order). `records` finds
 * a node of the view by id, answering the very objects `nodes` holds: the caller's own index
 * (the engine's node map), since one built here for 100,000 nodes would cost more than the
 * rest of the outline (~60 ms). The blocking links' ends are then found by object, not by id
 * (a look-up by a 36-character id for each of 100,000 nodes: ~35 ms).
 */
export function outlineOf(
  workspace: WorkspaceInfo,
  member: string,
  nodes: readonly NodeRecord[],
  links: readonly LinkRecord[],
  records: Lookup<NodeRecord>,
  customTypes: ReadonlyMap<string, CustomLinkType>,
): GraphOutline {
  // The links blocking right now, as their ends' records (the rule tests the kind first: most
  // links fail it with no look-up).
  const ends: NodeRecord[] = [];
  for (const link of links) {
    if (!isBlockingNow(link, records, customTypes) || !linkOnCanvas(link, records)) continue;
    ends.push(records.get(link.source)!, records.get(link.target)!);
  }
  const slotOf = new Map<NodeRecord, number>();
  for (const end of ends) slotOf.set(end, -1);
  const x: number[] = [];
  const y: number[] = [];
  const status = new Uint8Array(nodes.length);
  for (const node of nodes) {
    if (!nodeOnCanvas(node)) continue;
    if (slotOf.size > 0 && slotOf.has(node)) slotOf.set(node, x.length);
    status[x.length] = DIGIT_0 + node.status;
    x.push(node.position.x);
    y.push(node.position.y);
  }
  const blocking = ends.map((end) => slotOf.get(end)!);
  return {
    workspace,
    member,
    count: x.length,
    x,
    y,
    status: asciiText(status.subarray(0, x.length)),
    blocking,
  };
}

/** The character code of the digit 0: a status is sent as its digit. */
const DIGIT_0 = 48;

/** Each node's status code, read back from the outline's digits. */
export function outlineStatuses(outline: Pick<GraphOutline, 'count' | 'status'>): Uint8Array {
  const codes = new Uint8Array(outline.count);
  for (let i = 0; i < outline.count; i++) codes[i] = outline.status.charCodeAt(i) - DIGIT_0;
  return codes;
}

/** Bytes 0–127 as a string, in pieces (fromCharCode's arguments are bounded). */
function asciiText(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192)
    parts.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
  return parts.join('');
}
