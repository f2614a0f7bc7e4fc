import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { encodeRecords } from '../shared/contract/graph-columns';
const g = laidOutPlan(100000);
const nodes = g.nodes as any[]; const links = g.links as any[];
for (let k = 0; k < 6; k++) {
  const t = performance.now(); const c0 = process.cpuUsage();
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const t1 = performance.now();
  const en = encodeRecords(nodes);
  const t2 = performance.now();
  const el = encodeRecords(links, { keys: ['source', 'target'], index });
  const t3 = performance.now();
  const s = JSON.stringify({ok: true, value: {nodes: en, links: el}});
  const t4 = performance.now();
  console.log(`index ${(t1-t).toFixed(0)} nodes ${(t2-t1).toFixed(0)} links ${(t3-t2).toFixed(0)} stringify ${(t4-t3).toFixed(0)} cpu ${(process.cpuUsage(c0).user/1000).toFixed(0)}`);
}
