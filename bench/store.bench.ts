/**
 * Workspace store benchmark (`npm run bench -- store`). Measures, in one run on this disk:
 * - the bare floor: write ~300 bytes + fsync on a plain file;
 * - the baseline: conf (what electron-store wraps) `set` of a whole 10,000-node graph;
 * - append-and-durable of one ~300-byte batch on 10,000- and 100,000-node workspaces;
 * - open of a 100,000-node workspace, disk to folded state;
 * - the longest main-thread stall (event-loop delay) while a background compaction of the
 *   100,000-node workspace runs with appends going on, beside an in-thread compaction.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Conf from 'conf';
import { openWorkspaceFiles } from '../electron/store/index';
import type { FoldSpec, WorkspaceStore } from '../electron/store/index';
import {
  FOLD_MODULE,
  fold,
  replayInto,
  validateItems,
} from '../electron/store/test-support/items-fold';
import type { ItemsSnapshot } from '../electron/store/test-support/items-fold';

const root = mkdtempSync(join(tmpdir(), 'lg-store-bench-'));
const lines: string[] = [];
const report = (label: string, value: string): void => {
  const line = `${label.padEnd(58)} ${value}`;
  lines.push(line);
  console.log(line);
};

function stats(samples: number[]): { median: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}
const ms = (n: number): string => `${n.toFixed(2)} ms`;
const summary = (s: ReturnType<typeof stats>): string =>
  `median ${ms(s.median)}  p95 ${ms(s.p95)}  max ${ms(s.max)}`;

function node(i: number): Record<string, unknown> {
  return {
    id: `n${i}`,
    title: `Node ${i} with a title of ordinary length`,
    kind: 'task',
    status: i % 3,
    position: { x: (i % 300) * 40, y: Math.floor(i / 300) * 40 },
    version: 1,
  };
}
function graph(nodes: number): Record<string, unknown> {
  const items: Record<string, unknown> = {};
  for (let i = 0; i < nodes; i++) items[`n${i}`] = node(i);
  return items;
}
/** A ~300-byte batch: two node updates. */
function smallBatch(i: number): { batchId: string; set: Record<string, unknown> } {
  return {
    batchId: `bench-${i}-${'x'.repeat(8)}`,
    set: { [`n${i % 1000}`]: node(i % 1000), [`n${(i + 1) % 1000}`]: { ...node(1), moved: true } },
  };
}

function fsyncFloor(): number[] {
  const fd = openSync(join(root, 'floor.log'), 'w');
  const bytes = Buffer.alloc(300, 'a');
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    writeSync(fd, bytes);
    fsyncSync(fd);
    samples.push(performance.now() - t);
  }
  closeSync(fd);
  return samples;
}

function confBaseline(nodes: number): number[] {
  const conf = new Conf<Record<string, unknown>>({
    cwd: join(root, 'conf'),
    projectName: 'linkgraph-bench',
  });
  const items = graph(nodes);
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    (items.n0 as Record<string, unknown>).version = i;
    const t = performance.now();
    conf.set('graph', items);
    samples.push(performance.now() - t);
  }
  return samples;
}

async function open(dir: string, foldSpec: FoldSpec = { modulePath: FOLD_MODULE }) {
  const opened = await openWorkspaceFiles(dir, {
    fold: foldSpec,
    validateSnapshot: validateItems,
    autoCompactBytes: false,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

/** A workspace whose snapshot holds `nodes` nodes, with `tail` small batches after it. */
async function buildWorkspace(nodes: number, tail: number): Promise<string> {
  const dir = join(root, `ws-${nodes}`);
  const { store } = await open(dir);
  const r = await store.append({ batchId: 'seed', set: graph(nodes) });
  if (!r.ok) throw new Error(r.error.message);
  const c = await store.compact();
  if (!c.ok) throw new Error(c.error.message);
  for (let i = 0; i < tail; i++) await store.append(smallBatch(i));
  await store.close();
  return dir;
}

async function appendLatency(store: WorkspaceStore, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const r = await store.append(smallBatch(i));
    samples.push(performance.now() - t);
    if (!r.ok) throw new Error(r.error.message);
  }
  return samples;
}

interface Stall {
  stallMax: number;
  stallP99: number;
  took: number;
  appends: number;
}

/**
 * Event-loop delay on the main thread while appends run back to back, for as long as a
 * compaction takes (`foldSpec`), or for `controlMs` with no compaction (the control: what this
 * machine's scheduler and GC cost the loop anyway).
 */
async function stallDuring(dir: string, foldSpec: FoldSpec | null, controlMs = 0): Promise<Stall> {
  const opened = await open(dir, foldSpec ?? { fn: fold });
  const { store } = opened;
  // Drop the opened state here: a suspended async frame would otherwise keep 100,000 nodes
  // alive on this heap, and marking them is main-thread GC time that the store does not cause.
  opened.snapshot = null;
  opened.journal = [];
  await appendLatency(store, 50); // something to fold
  global.gc?.();
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t = performance.now();
  let done = false;
  let appends = 0;
  const work = foldSpec
    ? store.compact().then((r) => {
        if (!r.ok) throw new Error(r.error.message);
      })
    : new Promise((r) => setTimeout(r, controlMs));
  void work.finally(() => (done = true));
  while (!done) await store.append(smallBatch(appends++));
  await work;
  const took = performance.now() - t;
  h.disable();
  await store.close();
  return { stallMax: h.max / 1e6, stallP99: h.percentile(99) / 1e6, took, appends };
}

const stallLine = (runs: Stall[]): string =>
  `max of ${runs.length} runs ${runs.map((r) => ms(r.stallMax)).join(' / ')}  p99 ${ms(Math.max(...runs.map((r) => r.stallP99)))}  ` +
  `(took ${ms(stats(runs.map((r) => r.took)).median)}, ~${Math.round(stats(runs.map((r) => r.appends)).median)} appends meanwhile)`;

try {
  report('write 300 B + fsync, plain file (floor)', summary(stats(fsyncFloor())));
  report('conf.set of a whole 10,000-node graph (baseline)', summary(stats(confBaseline(10_000))));

  for (const nodes of [10_000, 100_000]) {
    const dir = await buildWorkspace(nodes, 0);
    const { store } = await open(dir);
    report(
      `append ~300 B batch, durable, ${nodes.toLocaleString('en')}-node workspace`,
      summary(stats(await appendLatency(store, 300))),
    );
    await store.close();
  }

  const big = join(root, 'ws-100000');
  const openToState = async (): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      global.gc?.();
      const t = performance.now();
      const opened = await open(big);
      const state = replayInto(
        (opened.snapshot as ItemsSnapshot | null) ?? { items: {} },
        opened.journal,
      );
      samples.push(performance.now() - t);
      if (Object.keys(state.items).length < 100_000) throw new Error('open lost nodes');
      await opened.store.close();
    }
    return samples;
  };
  report(
    'open 100,000-node workspace + 300-batch journal, to state',
    summary(stats(await openToState())),
  );

  // Worst case before auto-compaction: a full 4 MiB journal to replay.
  {
    const { store } = await open(big);
    for (let i = 0; store.journalBytes < 4 * 1024 * 1024; i += 64) {
      await Promise.all(Array.from({ length: 64 }, (_, j) => store.append(smallBatch(i + j))));
    }
    await store.close();
  }
  report(
    'open 100,000-node workspace + 4 MiB journal, to state',
    summary(stats(await openToState())),
  );

  const workerRuns: Stall[] = [];
  const controlRuns: Stall[] = [];
  for (let i = 0; i < 3; i++) {
    const run = await stallDuring(big, { modulePath: FOLD_MODULE });
    workerRuns.push(run);
    controlRuns.push(await stallDuring(big, null, run.took));
  }
  report('compaction 100,000 nodes in a worker: main-thread stall', stallLine(workerRuns));
  report('control, appends only for as long: main-thread stall', stallLine(controlRuns));
  report(
    'same compaction in-thread (for comparison): stall',
    stallLine([await stallDuring(big, { fn: fold })]),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
