/**
 * Planning benchmark (`npm run bench -- planning`), issue 15 / SPEC [PL2]. Measures, as medians:
 *  - the full schedule (forward and backward pass, `buildSchedule`) of a 100,000-node /
 *    200,000-link plan with estimates, due dates and start dates; peer in the same run: the
 *    engine's full from-scratch status pass over the same graph;
 *  - one estimate change on a 1,000-node chain: the whole `node.update` command (validation,
 *    cascade, batch, history) with the schedule kept incrementally; peer: the same command on
 *    the same chain with no schedule kept;
 *  - `link.create` on a 100,000-node / 200,000-link workspace with no dates at all: with no
 *    schedule (as before planning existed), and with a schedule kept; blocks alternate so
 *    both see the same machine load.
 */
import { loadavg } from 'node:os';
import {
  buildSchedule,
  execute,
  fromSnapshot,
  scheduleOf,
  type CommandInput,
  type WorkspaceState,
} from '../shared/engine/index';
import { recomputeAllStatuses } from '../shared/engine/status';
import type { LinkRecord, NodeRecord } from '../shared/model/types';
import { seededRandom } from '../shared/test-support/seeded-random';
import { linkRecord, randomLinks, snapshotOf, taskRecord } from './support/bench-records';
import { gc, median, timeUs as time, uuid } from './support/measure';

const N = 100_000;
const L = 200_000;
const CHAIN = 1_000;
const TODAY = '2026-12-01';

const rnd = seededRandom(15);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

const OWNER = uuid(0xffffffff);
const T = '2026-11-01T00:00:00.000Z';
let idSeq = 1;
let tick = 0;
const deps = {
  newId: () => uuid(0x20000000 + idSeq++),
  now: () => new Date(Date.UTC(2026, 11, 1) + tick++).toISOString(),
};
const date = (day: number) =>
  new Date(Date.UTC(2026, 11, 1) + day * 86_400_000).toISOString().slice(0, 10);

function nodeRecord(i: number, planned: boolean): NodeRecord {
  const r = rnd();
  const rec = taskRecord(i, OWNER, T, {
    status: r < 0.2 ? 3 : r < 0.3 ? 1 : 0,
    priority: Math.floor(rnd() * 10),
  });
  if (!planned) return rec;
  rec.estimate = Math.round(rnd() * 10) / 2;
  if (rnd() < 0.1) rec.due_date = date(Math.floor(rnd() * 400));
  if (rnd() < 0.05) rec.start_date = date(Math.floor(rnd() * 100));
  if (rnd() < 0.5) rec.assignee = [`person${Math.floor(rnd() * 50)}`];
  return rec;
}

/** A random plan: links from a lower to a higher index (acyclic), 30% secondary. */
function randomWorkspace(planned: boolean): WorkspaceState {
  const nodes = Array.from({ length: N }, (_, i) => nodeRecord(i, planned));
  const links = randomLinks(rnd, N, L, (index, a, b, secondary) =>
    linkRecord(index, uuid(a + 1), uuid(b + 1), secondary, OWNER, T),
  );
  return loadSnapshot(nodes, links);
}

function loadSnapshot(nodes: NodeRecord[], links: LinkRecord[]): WorkspaceState {
  const snapshot = snapshotOf(OWNER, nodes, links);
  const r = fromSnapshot(snapshot, { trusted: true });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function run(state: WorkspaceState, command: CommandInput): void {
  const r = execute(state, OWNER, command, deps);
  if (!r.ok) throw new Error(`${command.name}: ${r.error.code} ${r.error.message}`);
}

const rows: [string, string, string, string][] = [];
const report = (what: string, value: string, target = '', met = '') =>
  rows.push([what, value, target, met]);

console.log(`load average at start: ${load()}`);

// ---- 1. the full schedule of a 100,000-node / 200,000-link plan ----
(() => {
  const state = randomWorkspace(true);
  state.calendar = { plan_start: TODAY, working_days: [1, 2, 3, 4, 5], holidays: [date(24)] };
  const s = state;
  const full: number[] = [];
  const statusPass: number[] = [];
  for (let i = 0; i < 7; i++) {
    gc();
    full.push(time(() => buildSchedule(s, s.calendar, TODAY)));
    gc();
    statusPass.push(time(() => recomputeAllStatuses(s)));
  }
  const plan = scheduleOf(s, TODAY);
  let end = 0;
  for (const n of plan.nodes.values()) end = Math.max(end, plan.valuesOf(n)?.ef ?? 0);
  const ms = median(full) / 1000;
  report(
    `full schedule, ${s.nodes.size.toLocaleString('en')} nodes / ${s.links.size.toLocaleString('en')} links (plan end: working day ${end})`,
    `**${ms.toFixed(1)} ms**`,
    '< 100 ms',
    ms < 100 ? 'yes' : 'no',
  );
  report(
    'peer: full from-scratch status pass, same graph',
    `${(median(statusPass) / 1000).toFixed(1)} ms`,
  );
})();
gc();

// ---- 2. one estimate change on a 1,000-node chain ----
{
  const nodes = Array.from({ length: CHAIN }, (_, i) => ({
    ...nodeRecord(i, false),
    status: 0 as const,
    estimate: 1,
  }));
  const links = nodes
    .slice(1)
    .map((n, i) => linkRecord(i, (nodes[i] as NodeRecord).id, n.id, false, OWNER, T));
  const state = loadSnapshot(nodes, links);
  state.calendar = { plan_start: TODAY, working_days: [1, 2, 3, 4, 5], holidays: [] };
  const first = (nodes[0] as NodeRecord).id;
  const middle = (nodes[CHAIN / 2] as NodeRecord).id;
  const measure = (id: string, reps: number) => {
    const out: number[] = [];
    for (let i = 0; i < reps; i++) {
      const estimate = i % 2 === 0 ? 2.5 : 1;
      out.push(time(() => run(state, { name: 'node.update', params: { id, estimate } })));
    }
    return out;
  };
  // Warm up both ways, then alternate blocks with and without the schedule.
  measure(first, 200);
  const withFirst: number[] = [];
  const withMiddle: number[] = [];
  const without: number[] = [];
  let visits = 0;
  for (let block = 0; block < 10; block++) {
    state.plan = undefined;
    without.push(...measure(first, 40));
    const plan = scheduleOf(state, TODAY);
    withFirst.push(...measure(first, 40));
    visits = plan.visits;
    withMiddle.push(...measure(middle, 40));
  }
  const head = median(withFirst);
  report(
    `estimate change at the head of a 1,000-node chain, whole command (${visits} nodes recomputed)`,
    `**${(head / 1000).toFixed(3)} ms**`,
    '< 2 ms',
    head < 2000 ? 'yes' : 'no',
  );
  report(
    'estimate change in the middle of the chain, whole command',
    `${(median(withMiddle) / 1000).toFixed(3)} ms`,
    '< 2 ms',
    median(withMiddle) < 2000 ? 'yes' : 'no',
  );
  report('peer: the same command, no schedule kept', `${(median(without) / 1000).toFixed(3)} ms`);
}

// ---- 3. command cost when no dates exist ----
{
  const state = randomWorkspace(false);
  const creates = (count: number): number[] => {
    const out: number[] = [];
    while (out.length < count) {
      let a = Math.floor(rnd() * N);
      let b = Math.floor(rnd() * N);
      if (a === b) continue;
      if (a > b) [a, b] = [b, a];
      const source = uuid(a + 1);
      const target = uuid(b + 1);
      const command: CommandInput = { name: 'link.create', params: { source, target } };
      const t = time(() => {
        const r = execute(state, OWNER, command, deps);
        if (!r.ok && !r.error.code.startsWith('conflict')) throw new Error(r.error.message);
      });
      out.push(t);
    }
    return out;
  };
  creates(500);
  const bare: number[] = [];
  const kept: number[] = [];
  for (let block = 0; block < 10; block++) {
    state.plan = undefined;
    bare.push(...creates(200));
    scheduleOf(state, TODAY);
    kept.push(...creates(200));
  }
  const b = median(bare);
  const k = median(kept);
  report(
    '`link.create`, no dates, no schedule kept (peer: as before planning)',
    `${b.toFixed(1)} µs`,
    '< 50 µs',
    b < 50 ? 'yes' : 'no',
  );
  report(
    '`link.create`, no dates, schedule kept',
    `**${k.toFixed(1)} µs**`,
    '< 50 µs',
    k < 50 ? 'yes' : 'no',
  );
}

console.log(`load average at end: ${load()}`);
console.log('\n| measure | result | target | met |\n| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
