/**
 * Link engine benchmark (`npm run bench -- engine`). A random 100,000-node, 200,000-link graph
 * (primary links go from lower to higher index, so the blocking graph is acyclic; 30% of
 * links are secondary `is_related_to`). Measures, as medians:
 *  - the from-scratch status pass, ours and graphology's;
 *  - link.create with its cascade and batch, link.replace, history.undo / redo of a create and
 *    undo of a replace (small cascades);
 *  - a 150-node cascade (a hub completing and re-opening), ours (the whole command, batch and
 *    history included) and graphology's (the bare status recomputation);
 *  - [N2] a 1,000-level Completed chain re-blocked and released by one link (the link turned
 *    primary and secondary again), the whole command and its 1,000-entry batch included;
 *  - the heap the loaded workspace takes.
 */
import { cpus, loadavg } from 'node:os';
import Graph from 'graphology';
import {
  execute,
  fromSnapshot,
  type Batch,
  type CommandInput,
  type WorkspaceState,
} from '../shared/engine/index';
import { computeStatus, recomputeAllStatuses } from '../shared/engine/status';
import type { LinkRecord, NodeRecord } from '../shared/model/types';
import { seededRandom } from '../shared/test-support/seeded-random';
import { randomEngineGraph } from './support/engine-graph';
import { gc, median, timeUs as time, uuid } from './support/measure';

const N = 100_000;
const L = 200_000;
const HUB_FANOUT = 150;

const mulberry32 = seededRandom;
const rnd = mulberry32(42);
const heapMB = () => process.memoryUsage().heapUsed / 1024 / 1024;

// ---- the graph, as plain records ----
const OWNER = uuid(0xffffffff);
const T = '2026-01-01T00:00:00.000Z';
// The heap baseline is taken before any record exists, so every string the workspace keeps
// (ids, display ids) counts towards its size.
gc();
const heapBefore = heapMB();
const { ids, snapshot } = randomEngineGraph(rnd, N, L, OWNER);

// ---- load, and the heap the workspace takes ----
// Loaded the way the store loads it: from JSON text (flat strings, fresh objects).
let json: string | undefined = JSON.stringify(snapshot);
// From here on the records live only in the engine (duplicates are found in its own endpoint
// index).
snapshot.nodes = [];
snapshot.links = [];
let t0 = performance.now();
const loaded = fromSnapshot(JSON.parse(json));
json = undefined;
const loadMs = performance.now() - t0;
if (!loaded.ok) throw new Error(loaded.error.message);
const state: WorkspaceState = loaded.value;
// The bench's own id list is dropped before measuring (it is not the workspace's memory), then
// pointed at the workspace's own strings.
ids.length = 0;
void json;
gc();
gc();
const heapGraph = heapMB() - heapBefore;
for (const id of state.nodes.keys()) ids.push(id);
const indexOf = new Map(ids.map((id, i) => [id, i]));

let next = 0x20000000;
const deps = { newId: () => uuid(next++), now: () => T };
const run = (c: CommandInput): Batch => {
  const r = execute(state, OWNER, c, deps);
  if (!r.ok) throw new Error(`${c.name}: ${r.error.code} ${r.error.message}`);
  return r.value;
};

// ---- full pass ----
const fullOurs: number[] = [];
for (let i = 0; i < 15; i++) {
  t0 = performance.now();
  const diff = recomputeAllStatuses(state);
  fullOurs.push(performance.now() - t0);
  if (diff.size !== 0) throw new Error('statuses drifted');
}

// ---- small cascades: create, replace, undo ----
/** Is there a link between the two nodes already (either way, any state)? */
const linked = (a: number, b: number): boolean => {
  const na = state.nodes.get(ids[a] as string);
  const nb = state.nodes.get(ids[b] as string);
  return !!na && !!nb && (na.out.some((l) => l.tgt === nb) || na.in.some((l) => l.src === nb));
};
const freshPair = (): [string, string] => {
  for (;;) {
    let a = Math.floor(rnd() * N);
    let b = Math.floor(rnd() * N);
    if (a === b) continue;
    if (a > b) [a, b] = [b, a];
    if (linked(a, b)) continue;
    return [ids[a] as string, ids[b] as string];
  }
};
const OPS = 3000;
const createUs: number[] = [];
const created: Batch[] = [];
let cascadeSizes = 0;
for (let i = 0; i < OPS; i++) {
  const [source, target] = freshPair();
  let b: Batch | undefined;
  createUs.push(time(() => (b = run({ name: 'link.create', params: { source, target } }))));
  if (b) {
    created.push(b);
    cascadeSizes += b.nodes.length;
  }
}
// Undo the latest 1,500 creates, newest first, then redo them, oldest first.
const undoCreateUs: number[] = [];
const redoCreateUs: number[] = [];
const lastCreates = created.slice(-1500);
for (const b of [...lastCreates].reverse()) {
  undoCreateUs.push(time(() => run({ name: 'history.undo', params: { batchId: b.batchId } })));
}
for (const b of lastCreates) {
  redoCreateUs.push(time(() => run({ name: 'history.redo', params: { batchId: b.batchId } })));
}
const replaceUs: number[] = [];
const replaced: Batch[] = [];
for (let i = 0; i < OPS; i++) {
  const old = created[i]?.links[0]?.after as LinkRecord;
  const [, target] = freshPair();
  // Keep the source; the new target must come after it to stay acyclic.
  const src = indexOf.get(old.source) ?? 0;
  let tgt = indexOf.get(target) ?? 0;
  if (tgt <= src) tgt = src + 1 + Math.floor(rnd() * (N - src - 1));
  if (tgt >= N || linked(src, tgt)) continue;
  let b: Batch | undefined;
  replaceUs.push(
    time(
      () =>
        (b = run({
          name: 'link.replace',
          params: { id: old.id, source: old.source, target: ids[tgt] as string },
        })),
    ),
  );
  if (b) replaced.push(b);
}
const undoUs: number[] = [];
// The latest replaces, newest first (older ones have left the 5,000-batch history).
for (const b of replaced.slice(-1500).reverse()) {
  undoUs.push(time(() => run({ name: 'history.undo', params: { batchId: b.batchId } })));
}

// ---- a 150-node cascade ----
const hub = run({ name: 'node.create', params: { title: 'hub' } }).nodes[0]?.after as NodeRecord;
for (let i = 0; i < HUB_FANOUT; i++) {
  const leaf = run({ name: 'node.create', params: { title: 'leaf' } }).nodes[0]
    ?.after as NodeRecord;
  run({ name: 'link.create', params: { source: hub.id, target: leaf.id } });
}
const bigOurs: number[] = [];
let bigSize = 0;
for (let i = 0; i < 200; i++) {
  let b: Batch | undefined;
  bigOurs.push(time(() => (b = run({ name: 'node.update', params: { id: hub.id, status: 3 } }))));
  bigSize = Math.max(bigSize, b?.nodes.length ?? 0);
  run({ name: 'node.update', params: { id: hub.id, status: 0 } });
}

// The same 150-node recomputation without the command around it (no Tx, batch or history):
// what the graphology figure below measures, for a like-for-like ratio.
const hubEntry = state.nodes.get(hub.id);
if (!hubEntry) throw new Error('hub missing');
const bareOurs: number[] = [];
const bareOut: number[] = [];
const hubOut = hubEntry.out; // a copy of the hub's outgoing links, taken once
const bareCascade = (base: 0 | 3) => {
  hubEntry.base = base;
  const outs = hubOut;
  for (let i = 0; i < outs.length; i++)
    bareOut[i] = computeStatus((outs[i] as { tgt: typeof hubEntry }).tgt);
};
for (let i = 0; i < 200; i++) {
  bareOurs.push(time(() => bareCascade(3)));
  bareCascade(0);
}
hubEntry.base = 0;

// ---- [N2] a 1,000-level Completed chain re-blocked and released by one link ----
const CHAIN = 1000;
const chainIds: string[] = [];
for (let i = 0; i < CHAIN; i++) {
  const n = run({ name: 'node.create', params: { title: `level ${i}`, status: 3 } }).nodes[0]
    ?.after as NodeRecord;
  if (i > 0)
    run({ name: 'link.create', params: { source: chainIds[i - 1] as string, target: n.id } });
  chainIds.push(n.id);
}
const bottom = run({ name: 'node.create', params: { title: 'unfinished' } }).nodes[0]
  ?.after as NodeRecord;
let chainLink = '';
const chainFirst = time(() => {
  const b = run({
    name: 'link.create',
    params: { source: bottom.id, target: chainIds[0] as string },
  });
  chainLink = (b.links[0]?.after as LinkRecord).id;
});
const chainBlockUs: number[] = [];
const chainReleaseUs: number[] = [];
let chainMoves = 0;
const statusMoves = (b: Batch) => b.nodes.filter((e) => e.op === 2).length;
for (let i = 0; i < 30; i++) {
  let b: Batch | undefined;
  chainReleaseUs.push(
    time(() => (b = run({ name: 'link.update', params: { id: chainLink, type: 1 } }))),
  );
  if (b && statusMoves(b) !== CHAIN) throw new Error(`release moved ${statusMoves(b)} nodes`);
  chainBlockUs.push(
    time(() => (b = run({ name: 'link.update', params: { id: chainLink, type: 0 } }))),
  );
  chainMoves = b ? statusMoves(b) : 0;
  if (chainMoves !== CHAIN) throw new Error(`re-block moved ${chainMoves} nodes`);
}

// ---- graphology: the same graph, the same full pass and cascade ----
interface NA {
  base: number;
  status: number;
  dependent: boolean;
}
interface EA {
  primary: boolean;
}
const g = new Graph<NA, EA>({ type: 'directed', multi: false, allowSelfLoops: false });
for (const n of state.nodes.values()) {
  g.addNode(n.rec.id, { base: n.base, status: n.rec.status, dependent: n.rec.dependent });
}
for (const l of state.links.values()) {
  if (l.rec.in_trash) continue;
  // Oriented blocker → blocked, as the engine reads it.
  const [from, to] = l.blockerIsSource
    ? [l.rec.source, l.rec.target]
    : [l.rec.target, l.rec.source];
  if (!g.hasEdge(from, to)) g.addEdge(from, to, { primary: l.rec.type === 0 });
}
// [N2] A blocker is finished when its visible status is Completed (a Blocked node is not).
const gFinished = (a: NA) => a.base === 3 && a.status !== 2;
const gStatus = (id: string): number => {
  const a = g.getNodeAttributes(id);
  if (!a.dependent) return a.base;
  let blocked = false;
  g.forEachInEdge(id, (_e, ea, src) => {
    if (!blocked && ea.primary && !gFinished(g.getNodeAttributes(src))) blocked = true;
  });
  return blocked ? 2 : a.base;
};
/**
 * The from-scratch pass in graphology, as ours: nodes in a topological order (the engine's
 * own `ord`, gathered inside the timing the same way ours does; graphology keeps none), each
 * derived from its blockers' derived statuses.
 */
const gDeriveAll = (): Map<string, number> => {
  let size = 0;
  for (const n of state.nodes.values()) if (n.ord >= size) size = n.ord + 1;
  const order: (string | undefined)[] = new Array<string | undefined>(size).fill(undefined);
  for (const n of state.nodes.values()) order[n.ord] = n.rec.id;
  const memo = new Map<string, number>();
  for (const id of order) {
    if (id === undefined) continue;
    const a = g.getNodeAttributes(id);
    let blocked = false;
    if (a.dependent) {
      g.forEachInEdge(id, (_e, ea, src) => {
        if (!blocked && ea.primary && memo.get(src) !== 3) blocked = true;
      });
    }
    memo.set(id, blocked ? 2 : a.base);
  }
  return memo;
};
const fullGraphology: number[] = [];
for (let i = 0; i < 15; i++) {
  t0 = performance.now();
  let changed = 0;
  const derived = gDeriveAll();
  g.forEachNode((id, a) => {
    if (derived.get(id) !== a.status) changed++;
  });
  fullGraphology.push(performance.now() - t0);
  if (changed !== 0) throw new Error(`graphology model disagrees on ${changed} nodes`);
}
const bigGraphology: number[] = [];
const gCascade = (base: number) => {
  g.setNodeAttribute(hub.id, 'base', base);
  g.setNodeAttribute(hub.id, 'status', base);
  g.forEachOutNeighbor(hub.id, (m) => g.setNodeAttribute(m, 'status', gStatus(m)));
};
for (let i = 0; i < 200; i++) {
  bigGraphology.push(time(() => gCascade(3)));
  gCascade(0);
}

// ---- report ----
const f = (x: number, d = 1) => x.toFixed(d);
const rows: [string, string][] = [
  [
    'graph',
    `${state.nodes.size} nodes, ${state.links.size} links (load + validate ${f(loadMs / 1000, 2)} s)`,
  ],
  ['heap of the loaded workspace, every string included', `${f(heapGraph)} MB`],
  ['full status pass, ours (median of 15)', `${f(median(fullOurs))} ms`],
  ['full status pass, graphology (median of 15)', `${f(median(fullGraphology))} ms`],
  ['  ratio graphology / ours', `${f(median(fullGraphology) / median(fullOurs))}×`],
  [
    `link.create + cascade + batch (median of ${createUs.length})`,
    `${f(median(createUs))} µs (avg ${f(cascadeSizes / created.length, 2)} status changes)`,
  ],
  [`link.replace (median of ${replaceUs.length})`, `${f(median(replaceUs))} µs`],
  [
    `history.undo of a link.create (median of ${undoCreateUs.length})`,
    `${f(median(undoCreateUs))} µs`,
  ],
  [
    `history.redo of a link.create (median of ${redoCreateUs.length})`,
    `${f(median(redoCreateUs))} µs`,
  ],
  [`history.undo of a link.replace (median of ${undoUs.length})`, `${f(median(undoUs))} µs`],
  [
    `${bigSize}-node cascade, ours: node.update → batch (median of 200)`,
    `${f(median(bigOurs))} µs`,
  ],
  [
    `${bigSize}-node cascade, graphology: bare recomputation (median of 200)`,
    `${f(median(bigGraphology))} µs`,
  ],
  [
    '  ratio graphology / ours (whole command vs bare)',
    `${f(median(bigGraphology) / median(bigOurs))}×`,
  ],
  [
    `${bigSize}-node cascade, ours: bare recomputation (median of 200)`,
    `${f(median(bareOurs), 1)} µs`,
  ],
  ['  ratio graphology / ours (bare vs bare)', `${f(median(bigGraphology) / median(bareOurs))}×`],
  [
    `${CHAIN}-level Completed chain re-blocked by one link (link.create, first)`,
    `${f(chainFirst / 1000, 2)} ms`,
  ],
  [
    `${CHAIN}-level chain re-blocked: link.update → primary, batch of ${chainMoves} (median of 30)`,
    `${f(median(chainBlockUs) / 1000, 2)} ms`,
  ],
  [
    `${CHAIN}-level chain released: link.update → secondary (median of 30)`,
    `${f(median(chainReleaseUs) / 1000, 2)} ms`,
  ],
  ['load average (1 min) during the run', `${f(loadavg()[0] ?? 0, 2)} on ${cpus().length} cores`],
];
const width = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
