/**
 * "Only what the filter shows" (docs/exchange.md): the part of a graph an export keeps when
 * the person asks for the nodes the editor's filters show. Applied once, by the service,
 * to the graph every exporter is handed — so every format follows it without a line of its
 * own. Kept: the active nodes that pass, the active links between two of them, and the
 * grants on them; members and custom link types stay whole (they are the vocabulary the
 * records use). The result is a graph the importers take back.
 */
import type { NodeRecord } from '../model/types';
import type { ExchangeGraph } from './types';

export function onlyNodes(
  graph: ExchangeGraph,
  keep: (node: NodeRecord) => boolean,
): ExchangeGraph {
  const nodes = graph.nodes.filter((n) => !n.in_trash && keep(n));
  const kept = new Set(nodes.map((n) => n.id));
  return {
    ...graph,
    nodes,
    links: graph.links.filter((l) => !l.in_trash && kept.has(l.source) && kept.has(l.target)),
    grants: graph.grants.filter((g) => kept.has(g.node)),
  };
}
