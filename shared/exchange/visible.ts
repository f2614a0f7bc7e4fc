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
  const active = new ActivePart(graph);
  const nodes = [...active.nodes()];
  return { nodes, links: [...active.links()] };
}

/**
 * The same active part, found as it is written: `nodes()` yields the nodes not in trash,
 * noting each, and `links()`, once `nodes()` has been run through, the active links between
 * them. A format writes its nodes before its links, so a large export builds no list of the
 * whole active part before its first piece (shared/exchange/pieces.ts).
 */
export class ActivePart {
  private readonly live = new Set<string>();

  constructor(private readonly graph: ExchangeGraph) {}

  *nodes(): Generator<NodeRecord> {
    for (const n of this.graph.nodes) {
      if (n.in_trash) continue;
      this.live.add(n.id);
      yield n;
    }
  }

  *links(): Generator<LinkRecord> {
    const live = this.live;
    for (const l of this.graph.links) {
      if (!l.in_trash && live.has(l.source) && live.has(l.target)) yield l;
    }
  }
}
