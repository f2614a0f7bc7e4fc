/**
 * What the visual formats (DOT, Mermaid, Canvas) draw: trashed nodes and links are left out,
 * and so is any link that is not active ([L5]: a link whose endpoint is in trash). Native
 * JSON, GraphML and CSV keep everything, with `in_trash` as a field.
 */
import type { LinkRecord, NodeRecord } from '../model/types';
import type { ExchangeGraph } from './types';

export interface VisibleGraph {
  nodes: NodeRecord[];
  links: LinkRecord[];
}

export function activePart(graph: ExchangeGraph): VisibleGraph {
  const nodes = graph.nodes.filter((n) => !n.in_trash);
  const live = new Set(nodes.map((n) => n.id));
  const links = graph.links.filter((l) => !l.in_trash && live.has(l.source) && live.has(l.target));
  return { nodes, links };
}
