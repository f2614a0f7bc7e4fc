import { OverviewIndex } from '../renderer/canvas/overview/overview-index';
import { recordPatch, spliceElements } from '../renderer/canvas/flow-elements';
const N = 100000, M = 150000;
const mk = (i: number) => ({ id: `node-${i}-xxxxxxxxxxxxxxxxxxxxxxxxxxxx`, position: { x: (i % 300) * 250, y: Math.floor(i / 300) * 120 }, data: { record: { status: i % 4 }, flashing: false } });
let nodes = Array.from({ length: N }, (_, i) => mk(i));
let edges = Array.from({ length: M }, (_, e) => { const s = Math.floor(e / 1.5); const t = Math.min(N - 1, s + 1 + (e % 2) * 299); return { id: `e${e}`, source: nodes[s]!.id, target: nodes[t]!.id, data: { record: { type: e % 2 }, blocking: false } }; });
const ix = new OverviewIndex(nodes, edges);
ix.prepare();
for (let round = 0; round < 8; round++) {
  const k = 40000 + round * 13;
  const id = nodes[k]!.id;
  const removedE: number[] = [];
  edges.forEach((e, j) => { if (e.source === id || e.target === id) removedE.push(j); });
  const n2 = spliceElements(nodes, { removed: [k], inserted: [] }, () => { throw 0; });
  recordPatch(n2, { previous: nodes, indices: [], rewired: false, splice: { removed: [k], inserted: [] } });
  const e2 = spliceElements(edges, { removed: removedE, inserted: [] }, () => { throw 0; });
  recordPatch(e2, { previous: edges, indices: [], rewired: false, splice: { removed: removedE, inserted: [] } });
  const t = performance.now();
  const r = ix.update(n2, e2);
  const t1 = performance.now();
  ix.nodesIn(ix.box(k)); ix.linksIn(ix.box(k));
  const t2 = performance.now();
  console.log(r.kind, (t1 - t).toFixed(2), 'ms update;', (t2 - t1).toFixed(2), 'ms queries');
  nodes = n2; edges = e2;
}
