import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { encodeRecords, decodeGraph } from '../shared/contract/graph-columns';
const g = laidOutPlan(100000);
const nodes = g.nodes as any[]; const links = g.links as any[];
for (let k = 0; k < 3; k++) {
  let t = performance.now();
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const enc = { workspace: { id: 'w', name: 'w' }, member: 'm', nodes: encodeRecords(nodes), links: encodeRecords(links, { keys: ['source', 'target'], index }) };
  const tEnc = performance.now() - t; t = performance.now();
  const text = JSON.stringify({ ok: true, value: enc });
  const tStr = performance.now() - t; t = performance.now();
  const back = JSON.parse(text).value;
  const tParse = performance.now() - t; t = performance.now();
  const view = decodeGraph(back);
  const tDec = performance.now() - t;
  console.log(`encode ${tEnc.toFixed(0)} stringify ${tStr.toFixed(0)} (${(text.length / 1e6).toFixed(1)} MB) parse ${tParse.toFixed(0)} decode ${tDec.toFixed(0)} ms; ${view.nodes.length}/${view.links.length}`);
  if (k === 0) for (const [name, c] of Object.entries({ ...enc.nodes.columns, ...Object.fromEntries(Object.entries(enc.links.columns).map(([a, b]) => ['L.' + a, b])) })) console.log(name, Object.keys(c).join(''), 'd' in c ? (c as any).d.length : '');
}
function naive(encoded: any, ids?: string[]) {
  const { count, columns } = encoded; const names = Object.keys(columns); const cols = names.map((n) => columns[n]);
  const out = new Array(count);
  for (let r = 0; r < count; r++) { const rec: any = {}; for (let c = 0; c < cols.length; c++) { const col = cols[c]; if ('v' in col) rec[names[c]] = col.v[r]; else if ('n' in col) rec[names[c]] = ids![col.n[r]]; else { const at = col.i[r]; if (at >= 0) rec[names[c]] = col.d[at]; } } out[r] = rec; }
  return out;
}
{
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const enc = JSON.parse(JSON.stringify({ nodes: encodeRecords(nodes), links: encodeRecords(links, { keys: ['source', 'target'], index }) }));
  const { decodeRecords, idsOf } = await import('../shared/contract/graph-columns');
  for (let k = 0; k < 4; k++) {
    let t = performance.now(); naive(enc.nodes); naive(enc.links, idsOf(enc.nodes)); const a = performance.now() - t;
    t = performance.now(); decodeRecords(enc.nodes); decodeRecords(enc.links, { ids: idsOf(enc.nodes) }); const b = performance.now() - t;
    console.log(`naive ${a.toFixed(0)} template ${b.toFixed(0)}`);
  }
}
