/**
 * ForeignGraphBuilder alone, without any reader: `node --expose-gc --import tsx
 * bench/support/foreign-builder.ts [nodes=100000] [runs=5]` prints one JSON line `{ ms, cpuMs,
 * ok, nodes, links }` (medians after a warm-up). Each run adds every node, then every link, and
 * builds, as the GraphML, Canvas and CSV importers do. The records are what a reader hands
 * over for our own GraphML export of the generated workspace (`bigGraph`), their strings
 * fresh from JSON.parse (flat, not yet hashed), as a parser's would be.
 *
 * Why: in the 10,000-node GraphML import the builder is the largest part outside saxes that
 * our code could still cut (docs/canvas-performance.md, "GraphML import: reader split,
 * margin"), and its cost disappears in the noise of a whole import; alone, at 100,000 nodes,
 * a change to it can be measured.
 */
import {
  ForeignGraphBuilder,
  type ForeignLink,
  type ForeignNode,
} from '../../shared/exchange/foreign-graph';
import { bigGraph, importContext } from '../../shared/exchange/test-support/fixtures';
import { medianRun } from './median-run';

const [nodesArg, runsArg] = process.argv.slice(2);
const count = Number(nodesArg ?? 100_000);
const runs = Number(runsArg ?? 5);
const g = bigGraph(count);

const foreignNodes: ForeignNode[] = g.nodes.map((n) => ({
  fileId: n.id,
  title: n.title,
  description: n.description,
  kind: n.kind,
  status: n.status,
  dependent: n.dependent,
  x: n.position.x,
  y: n.position.y,
  tags: n.tags,
  priority: n.priority,
  display_id: n.display_id,
  version: n.version,
  created_time: n.created_time,
  last_edited_time: n.last_edited_time,
  in_trash: n.in_trash,
}));
const foreignLinks: ForeignLink[] = g.links.map((l) => ({
  fileId: l.id,
  source: l.source,
  target: l.target,
  link_type: l.link_type,
  type: l.type,
  private: l.private,
  was_blocker: l.was_blocker,
  version: l.version,
  in_trash: l.in_trash,
  display_id: l.display_id,
  created_time: l.created_time,
  modified_time: l.modified_time,
}));
// Every run gets its own fresh strings (a parser's are never hashed before the builder sees them).
const copies = Array.from({ length: runs + 1 }, () => ({
  nodes: JSON.parse(JSON.stringify(foreignNodes)) as ForeignNode[],
  links: JSON.parse(JSON.stringify(foreignLinks)) as ForeignLink[],
}));

let run = 0;
const build = (): boolean => {
  const { nodes, links } = copies[run++] as (typeof copies)[number];
  const builder = new ForeignGraphBuilder(importContext());
  for (let i = 0; i < nodes.length; i++) {
    if (!builder.addNode(nodes[i] as ForeignNode, `node ${i}`).ok) return false;
  }
  for (let i = 0; i < links.length; i++) {
    if (!builder.addLink(links[i] as ForeignLink, `link ${i}`).ok) return false;
  }
  return builder.build('Big').ok;
};
const m = medianRun(build, runs);
console.log(
  JSON.stringify({
    ms: m.ms,
    cpuMs: m.cpuMs,
    ok: m.result === true,
    nodes: foreignNodes.length,
    links: foreignLinks.length,
  }),
);
