/**
 * Which records the canvas draws: nodes not in the trash, and links not in the trash between
 * two such nodes. The editor's active lists (renderer/state/active-graph.ts) and the server's
 * first outline of a plan (shared/contract/graph-outline.ts) both ask here.
 */
import type { LinkRecord, NodeRecord } from './types';

export const nodeOnCanvas = (n: NodeRecord | undefined): n is NodeRecord =>
  n !== undefined && !n.in_trash;

export const linkOnCanvas = (
  l: LinkRecord | undefined,
  nodes: { get(id: string): Pick<NodeRecord, 'in_trash'> | undefined },
): l is LinkRecord =>
  l !== undefined &&
  !l.in_trash &&
  nodes.get(l.source)?.in_trash === false &&
  nodes.get(l.target)?.in_trash === false;
