/**
 * Seeded random operations. After every command: incrementally kept statuses, indexes and
 * order equal a from-scratch recomputation, and a refused command changed nothing. At the
 * end, undoing every batch still done returns the records to the starting point, and a
 * snapshot round-trip reproduces the workspace. A failing seed prints its operations; pin it
 * in PINNED_SEEDS so it keeps running as a regression test.
 */
import { describe, expect, it } from 'vitest';
import {
  batchAudience,
  fromSnapshot,
  scheduleOf,
  toSnapshot,
  toStoredSnapshot,
  type Batch,
  type WorkspaceState,
} from './index';
import { checkInvariants, recordsOf } from './test-support/invariants';
import { World } from './test-support/world';
import {
  commandDrawer,
  KINDS,
  type DrawnStatus,
  type Mode,
  type Shape,
} from './test-support/random-commands';
import { seededRandom } from '../test-support/seeded-random';

/**
 * Seeds that once failed, kept as regressions (all found in chaos mode): 1 left a grant on a
 * node an undo removed; 2 kept was_blocker on a link a swap made secondary; 3 and 5 redid a
 * link whose endpoint had been purged.
 */
const PINNED: { seed: number; mode: Mode }[] = [1, 2, 3, 5].map((seed) => ({
  seed,
  mode: 'chaos',
}));
const FRESH_SEEDS = [11, 12, 13, 14, 15, 16];
/** [N2] Seeds drawn in the "chains" shape: long chains of mostly Completed nodes, diamonds,
 * non-dependent nodes in between, so cascades run many levels deep. (38 became 40 when the
 * several-at-once commands joined the draws: 38's draws no longer built a 5-level cascade.) */
const CHAIN_SEEDS = [31, 33, 40];
/** [PL2] Seeds that also draw planning commands (estimates, dates, assignees, the calendar)
 * with a schedule kept from the start: checkInvariants compares it with two from-scratch
 * computations after every step. */
const PLAN_SEEDS: { seed: number; mode: Mode; shape: Shape }[] = [
  { seed: 55, mode: 'stack', shape: 'any' },
  { seed: 52, mode: 'chaos', shape: 'any' },
  { seed: 56, mode: 'stack', shape: 'chains' },
  { seed: 54, mode: 'chaos', shape: 'chains' },
];
const TODAY = '2026-11-30';
const STEPS = 600;

const mulberry32 = seededRandom;

/** The whole workspace as text, counters in key order (a load notes them in another order). */
function canonical(state: WorkspaceState): string {
  const s = toSnapshot(state);
  return JSON.stringify({ ...s, counters: Object.entries(s.counters).sort() });
}

/**
 * `extended` seeds also draw the commands on several elements (nodes.update, selection.trash /
 * restore / purge, nodes.duplicate), kind changes and a custom type limited to some kinds.
 * PINNED seeds run without them, so they replay the operations they were pinned with.
 */
function runSeed(
  seed: number,
  mode: Mode,
  shape: Shape = 'any',
  extended = true,
  planning = false,
): void {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const w = new World();
  const members = [w.member('m1'), w.member('m2')];
  const custom = w.run('link_type.create', {
    name: 'feeds',
    forward_name: 'feeds',
    backward_name: 'is fed by',
    blocker: 'target',
    max_hops: 4,
  }).link_types[0]?.after as { id: string };
  // [C4] A type only tasks and issues may start: kind changes must respect its links.
  const narrow = extended
    ? (w.run('link_type.create', {
        name: 'plans',
        forward_name: 'plans',
        backward_name: 'is planned by',
        source_types: ['task', 'issue'],
      }).link_types[0]?.after as { id: string })
    : custom;
  const chains = shape === 'chains';
  const statuses: readonly DrawnStatus[] = chains ? [3, 3, 3, 3, 3, 3, 3, 0, 1] : [0, 1, 3];
  for (let i = 0; i < (chains ? 40 : 8); i++) {
    w.node({
      kind: pick(KINDS),
      status: pick(statuses),
      ...(chains && rnd() < 0.1 ? { dependent: false } : {}),
    });
  }
  if (planning) scheduleOf(w.state, TODAY);
  const start = recordsOf(w.state);
  const log: string[] = [];
  const batches: Batch[] = [];
  /** Stack mode: recorded batches still done (latest last), and undone ones to redo. */
  const stack = { done: [] as string[], redo: [] as string[] };

  const randomCommand = commandDrawer({
    rnd,
    world: w,
    members,
    custom: custom.id,
    narrow: narrow.id,
    statuses,
    mode,
    chains,
    extended,
    planning,
    stack,
    batches,
  });
  const succeeded = new Map<string, number>();
  const fail = (why: string) => {
    throw new Error(`seed ${seed}: ${why}\noperations:\n${log.join('\n')}`);
  };
  for (let step = 0; step < STEPS; step++) {
    const drawn = rnd() < 0.8 ? w.owner.id : pick(members);
    const cmd = randomCommand();
    // Stack-mode undo/redo is by the owner and exactly invertible: it must never be refused.
    const stackHistory =
      mode === 'stack' &&
      cmd.name.startsWith('history.') &&
      (cmd.params as { batchId: string }).batchId !== undefined &&
      (stack.done.includes((cmd.params as { batchId: string }).batchId) ||
        stack.redo.includes((cmd.params as { batchId: string }).batchId));
    const actor = stackHistory ? w.owner.id : drawn;
    const before = recordsOf(w.state);
    const historyBefore = w.state.history.batches.length;
    const res = w.exec(actor, cmd);
    log.push(
      `${step} ${actor === w.owner.id ? 'owner' : actor.slice(-2)} ${cmd.name} ${JSON.stringify(cmd.params)} → ${res.ok ? 'ok' : res.error.code}`,
    );
    if (res.ok) {
      succeeded.set(cmd.name, (succeeded.get(cmd.name) ?? 0) + 1);
      batches.push(res.value);
      const b = res.value;
      // [A4] As the service does after every commit: judging who may see the batch (which
      // looks at the workspace as it was before it) must leave the workspace as it is.
      const committed = recordsOf(w.state);
      const audience = batchAudience(w.state, b);
      for (const m of members) audience.visibleTo(m);
      if (recordsOf(w.state) !== committed) fail('judging who sees a batch changed the workspace');
      if (b.undoOf) stack.redo.push(stack.done.pop() ?? '');
      else if (b.redoOf) stack.done.push(stack.redo.pop() ?? '');
      else if (w.state.history.byId.has(b.batchId)) {
        stack.done.push(b.batchId);
        stack.redo = [];
      }
    } else {
      if (res.error.code.startsWith('internal')) fail(`internal error ${res.error.message}`);
      if (stackHistory) fail(`stack ${cmd.name} refused: ${res.error.code} ${res.error.message}`);
      if (recordsOf(w.state) !== before || w.state.history.batches.length !== historyBefore) {
        fail('a refused command changed the workspace');
      }
    }
    // A calendar change drops the schedule; asking again rebuilds it, and the steps after
    // that check the incremental updates against from-scratch ones again.
    if (planning && !w.state.plan) scheduleOf(w.state, TODAY);
    const bad = checkInvariants(w.state);
    if (bad.length > 0) fail(`invariants broken after step ${step}: ${bad.join('; ')}`);
    if (step % 175 === 0) {
      const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(w.state))));
      if (!back.ok) fail(`snapshot did not load: ${back.error.message}`);
      else if (recordsOf(back.value) !== recordsOf(w.state)) fail('snapshot round-trip differs');
      // [S1] The store's compact form, read as the store reads it (trusted) and as an import
      // would (every record checked): the same workspace, history and resume statuses included.
      const stored = JSON.stringify(toStoredSnapshot(w.state));
      const whole = canonical(w.state);
      for (const trusted of [true, false]) {
        const loaded = fromSnapshot(JSON.parse(stored), { trusted });
        if (!loaded.ok) fail(`stored snapshot did not load: ${loaded.error.message}`);
        else if (canonical(loaded.value) !== whole) {
          fail(`stored snapshot round-trip differs (trusted: ${String(trusted)})`);
        } else if (checkInvariants(loaded.value).length > 0) {
          fail(`stored snapshot loads broken: ${checkInvariants(loaded.value).join('; ')}`);
        }
      }
    }
  }
  // The run must have exercised the engine, not just collected refusals.
  const expected = ['node.create', 'link.create', 'link.trash', 'node.trash', 'history.undo'];
  // Arbitrary redos (chaos) mostly meet batches that are not undone; the stack redoes for sure.
  if (mode === 'stack') expected.push('history.redo');
  if (extended && !chains) {
    for (const name of ['nodes.update', 'selection.trash', 'nodes.duplicate']) {
      expect(succeeded.get(name) ?? 0, `${name} succeeded`).toBeGreaterThanOrEqual(2);
    }
  }
  if (chains) {
    // The shape must have produced real multi-level cascades (one batch moving many nodes).
    const deepest = Math.max(...batches.map((b) => b.nodes.filter((e) => e.op === 2).length));
    expect(deepest, 'largest cascade in one batch').toBeGreaterThanOrEqual(5);
  }
  for (const name of expected) {
    // Chain-shaped runs spend their draws on links, so they redo less often.
    const least = (chains || planning) && name === 'history.redo' ? 1 : 4;
    expect(succeeded.get(name) ?? 0, `${name} succeeded`).toBeGreaterThanOrEqual(least);
  }
  if (planning) {
    // The schedule must have had real work in it: estimates on chains and due dates.
    const plan = scheduleOf(w.state, TODAY);
    const sched = [...plan.nodes.values()].flatMap((n) => plan.valuesOf(n) ?? []);
    expect(Math.max(...sched.map((s) => s.ef)), 'longest earliest finish').toBeGreaterThan(2);
    expect(sched.filter((s) => Number.isFinite(s.due)).length, 'due limits').toBeGreaterThan(0);
    expect(succeeded.get('calendar.set') ?? 0, 'calendar changes').toBeGreaterThan(0);
  }
  if (mode === 'chaos') {
    // Out-of-order undos make cascades diverge; undo what still can be, refusals included.
    for (const b of [...batches].reverse()) {
      const before = recordsOf(w.state);
      const r = w.exec(w.owner.id, { name: 'history.undo', params: { batchId: b.batchId } });
      if (!r.ok && recordsOf(w.state) !== before)
        fail('a refused final undo changed the workspace');
      const bad = checkInvariants(w.state);
      if (bad.length > 0) fail(`invariants broken while undoing: ${bad.join('; ')}`);
    }
    return;
  }
  // Stack mode: undoing everything, latest first, returns exactly the starting records.
  expect(stack.done.length).toBeGreaterThan(0);
  for (const id of [...stack.done].reverse()) {
    const r = w.exec(w.owner.id, { name: 'history.undo', params: { batchId: id } });
    log.push(`final undo ${id} → ${r.ok ? 'ok' : r.error.code}`);
    if (!r.ok) fail(`undoing everything: ${r.error.code} ${(r.error.object_ids ?? []).join(',')}`);
    const bad = checkInvariants(w.state);
    if (bad.length > 0) fail(`invariants broken while undoing: ${bad.join('; ')}`);
  }
  if (recordsOf(w.state) !== start) fail('undoing everything did not return the initial state');
}

describe('random operations', () => {
  const fresh = FRESH_SEEDS.map((seed) => ({
    seed,
    mode: (seed % 3 === 0 ? 'chaos' : 'stack') as Mode,
  }));
  for (const { seed, mode } of PINNED) {
    it(`[H2] [N2] [C1] [C2] seed ${seed} (${mode} undo, pinned): ${STEPS} random commands keep every invariant`, () => {
      runSeed(seed, mode, 'any', false);
    });
  }
  for (const { seed, mode } of fresh) {
    it(`[H1] [H2] [N2] [C1] [C2] [C4] [R1] seed ${seed} (${mode} undo): ${STEPS} random commands, several-at-once ones included, keep every invariant${mode === 'stack' ? '; undoing all restores the start exactly' : ''}`, () => {
      runSeed(seed, mode);
    });
  }
  for (const { seed, mode, shape } of PLAN_SEEDS) {
    it(`[PL2] [PL1] seed ${seed} (${shape}, ${mode} undo): estimates, dates, assignees and calendar changes among random commands; the incremental schedule equals two from-scratch ones after every step`, () => {
      runSeed(seed, mode, shape, true, true);
    });
  }
  for (const seed of CHAIN_SEEDS) {
    const mode: Mode = seed % 3 === 0 ? 'chaos' : 'stack';
    it(`[N2] [H2] seed ${seed} (chains, ${mode} undo): deep cascades through Completed chains, diamonds and non-dependent nodes keep every invariant`, () => {
      runSeed(seed, mode, 'chains');
    });
  }
});
