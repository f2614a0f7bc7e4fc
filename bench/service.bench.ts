/**
 * Service benchmark (`npm run bench -- service`), issue 4's speed targets, measured through
 * the real stack: HTTP → service → engine → durable journal.
 * - the bare floor: write ~300 bytes + fsync on a plain file, in the same run;
 * - a link create answered over HTTP and durable on disk, at 1,000, 10,000 and 100,000 nodes
 *   (its cost should follow the diff, not the graph);
 * - open of each workspace (disk to the first answer of `graph.get`), median of 3, beside
 *   the same open from a snapshot in the exchange form (how 0.2.0 stored it);
 * - headless serve start-up to its ready line (needs `npm run build` first).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createWorkspace,
  execute,
  fromSnapshot,
  toSnapshot,
  type CommandInput,
} from '../shared/engine';
import { decodeSnapshot, encodeSnapshot } from '../electron/store/snapshot-file';
import { startApiServer } from '../electron/api/http-server';
import { createRateLimiter } from '../electron/api/rate-limit';
import { mintToken, tokenResolver } from '../electron/api/tokens';
import { startService } from '../electron/service/start-service';
import { openSettings } from '../electron/settings/open-settings';
import { openWorkspaceFiles } from '../electron/store';
import { foldModuleUrl } from '../electron/service/workspace-fold';
import { median } from './support/measure';

const root = mkdtempSync(join(tmpdir(), 'lg-service-bench-'));
const ms = (n: number): string => `${n.toFixed(2)} ms`;
const report = (label: string, value: string): void => console.log(`${label.padEnd(62)} ${value}`);

function fsyncFloor(): number {
  const file = join(root, 'floor.bin');
  const fd = openSync(file, 'a');
  const bytes = Buffer.alloc(300, 'x');
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    writeSync(fd, bytes);
    fsyncSync(fd);
    samples.push(performance.now() - t);
  }
  closeSync(fd);
  return median(samples);
}

/** A data folder holding one workspace of `n` nodes and `n` links, written as its genesis record. */
async function makeDataDir(n: number): Promise<{ dataDir: string; ids: string[] }> {
  const dataDir = join(root, `ws-${n}`);
  mkdirSync(dataDir, { recursive: true });
  const { settings } = openSettings(dataDir, '0.1.0');
  const owner = { id: randomUUID(), username: 'bench', email: 'bench@linkgraph.local' };
  settings.set('profile', owner);
  const state = createWorkspace({ owner });
  const deps = { newId: () => randomUUID(), now: () => '2026-11-22T00:00:00.000Z' };
  const ids: string[] = [];
  const run = (command: CommandInput) => {
    const r = execute(state, owner.id, command, deps);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  for (let i = 0; i < n; i++) {
    const b = run({
      name: 'node.create',
      params: {
        title: `Node ${i}`,
        position: { x: (i % 300) * 240, y: Math.floor(i / 300) * 120 },
      },
    });
    ids.push((b.nodes[0]?.after as { id: string }).id);
  }
  for (let i = 1; i < n; i++) {
    const a = ids[Math.floor(Math.random() * i)] as string;
    run({ name: 'link.create', params: { source: a, target: ids[i] as string, type: 1 } });
  }
  const snapshot = toSnapshot(state);
  snapshot.history.batches = []; // the bench measures the graph, not a 200k-batch history
  const id = `ws-bench${n}`;
  const opened = await openWorkspaceFiles(join(dataDir, 'workspaces', id), {
    fold: { modulePath: foldModuleUrl() },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const appended = await opened.value.store.append({ genesis: snapshot });
  if (!appended.ok) throw new Error(appended.error.message);
  // Open from a snapshot at every size, as a workspace in daily use is.
  const compacted = await opened.value.store.compact();
  if (!compacted.ok) throw new Error(compacted.error.message);
  await opened.value.store.close();
  settings.set('workspaces', [{ id, name: `Bench ${n}`, created_time: deps.now() }]);
  settings.set('openWorkspace', id);
  return { dataDir, ids };
}

/** Disk → first answer of `graph.get`, `rounds` times (the service closed in between). */
async function openTimes(dataDir: string, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const started = await startService({ dataDir, mode: 'serve', version: '0.1.0' });
    const first = await started.service.call('graph.get', undefined, { member: started.owner });
    samples.push(performance.now() - t0);
    if (!first.ok) throw new Error(first.error.message);
    await started.hub.closeAll();
  }
  return samples;
}

/** Rewrites the workspace's snapshot in the exchange form, as releases up to 0.2.0 stored it. */
function toExchangeForm(dataDir: string): void {
  const dir = join(dataDir, 'workspaces', readdirSync(join(dataDir, 'workspaces'))[0] as string);
  const file = join(dir, 'snapshot.json');
  const decoded = decodeSnapshot(readFileSync(file));
  if (!decoded.ok) throw new Error(decoded.reason);
  const state = fromSnapshot(decoded.value.content, { trusted: true });
  if (!state.ok) throw new Error(state.error.message);
  const old = encodeSnapshot(decoded.value.generation, toSnapshot(state.value), new Date());
  writeFileSync(file, Buffer.concat(old));
}

const ROUNDS = 3;

async function measure(n: number): Promise<void> {
  const { dataDir, ids } = await makeDataDir(n);
  const size = n.toLocaleString('en');
  const opens = await openTimes(dataDir, ROUNDS);
  report(
    `open a ${size}-node workspace (disk → first answer)`,
    `median ${ms(median(opens))} (${opens.map((x) => x.toFixed(0)).join(' / ')})`,
  );
  toExchangeForm(dataDir);
  const peer = await openTimes(dataDir, ROUNDS);
  report(
    `  peer: the same, snapshot in the exchange form (≤ 0.2.0)`,
    `median ${ms(median(peer))} (${peer.map((x) => x.toFixed(0)).join(' / ')}); ${(median(peer) / median(opens)).toFixed(1)}×`,
  );
  const started = await startService({ dataDir, mode: 'serve', version: '0.1.0' });
  const minted = mintToken(started.settings, {
    workspace: '*',
    member: started.owner,
    label: 'bench',
  });
  if (!minted.ok) throw new Error(minted.error.message);
  const token = minted.value;
  const api = await startApiServer({
    service: started.service,
    port: 0,
    limiter: createRateLimiter(1_000_000),
    resolveToken: tokenResolver(started.settings),
  });
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const source = ids[Math.floor(Math.random() * ids.length)] as string;
    const target = ids[Math.floor(Math.random() * ids.length)] as string;
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${api.port}/api/link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source, target, type: 1 }),
    });
    await res.arrayBuffer();
    if (res.status === 200) samples.push(performance.now() - t);
  }
  report(
    `link create over HTTP, durable, ${n.toLocaleString('en')} nodes (${samples.length} ok)`,
    `median ${ms(median(samples))}`,
  );
  await api.close();
  await started.hub.closeAll();
}

async function serveStartup(): Promise<number[]> {
  const entry = join('dist', 'electron', 'serve.mjs');
  if (!existsSync(entry)) {
    console.warn('serve start-up not measured: run "npm run build" first');
    return [];
  }
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const dataDir = mkdtempSync(join(root, 'serve-'));
    // First start creates the starter plan; measure the second start, as a person sees daily.
    for (const round of [0, 1]) {
      const t = performance.now();
      const child = spawn(process.execPath, [entry, '--data', dataDir, '--port', '0'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) =>
        child.stdout.on('data', (c: Buffer) => c.toString().includes('ready at') && resolve()),
      );
      if (round === 1) samples.push(performance.now() - t);
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    }
  }
  return samples;
}

report('bare floor: write 300 B + fsync (median of 200)', ms(fsyncFloor()));
for (const n of [1_000, 10_000, 100_000]) await measure(n);
const startup = await serveStartup();
if (startup.length) report('serve start-up to the ready line (median of 5)', ms(median(startup)));
report('bare floor again, after the runs', ms(fsyncFloor()));
rmSync(root, { recursive: true, force: true });
