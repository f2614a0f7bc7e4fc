/**
 * Importing a 10,000-node GraphML file through the service (`npm run bench -- import`): how
 * long until the new workspace is open, and the longest main-thread stall meanwhile (the app's
 * windows and the local API wait for as long). The peer, in the same run: the same
 * preparation run in-thread, as the service did before imports moved to a worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { exportGraphml } from '../shared/exchange/index';
import { bigGraph } from '../shared/exchange/test-support/fixtures';
import { prepareImport } from '../electron/service/prepare-import';
import { startService } from '../electron/service/start-service';

const NODES = 10_000;
const RUNS = 3;
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const report = (label: string, value: string): void => console.log(`${label.padEnd(58)} ${value}`);

/** Runs `fn` while sampling the event loop; answers its time and the longest stall seen. */
async function stalls(fn: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  // A timer that must run every 10 ms: any gap longer than that is the loop being blocked.
  let last = performance.now();
  let worst = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 10);
  h.enable();
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(tick);
  h.disable();
  return { ms, stallMs: Math.max(worst, h.max / 1e6) };
}

const content = exportGraphml(bigGraph(NODES));
const root = mkdtempSync(join(tmpdir(), 'lg-import-bench-'));
const started = await startService({ dataDir: root, mode: 'serve', version: '0.0.0-bench' });
const profile = started.hub.profile();
console.log(
  `GraphML file: ${NODES.toLocaleString('en')} nodes, ${(content.length / 1e6).toFixed(1)} MB`,
);

const worker: { ms: number; stallMs: number }[] = [];
const inThread: { ms: number; stallMs: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  worker.push(
    await stalls(async () => {
      const r = await started.service.call(
        'import',
        { format: 'graphml', content },
        { member: started.owner },
      );
      if (!r.ok) throw new Error(r.error.message);
    }),
  );
  inThread.push(
    await stalls(async () => {
      const r = prepareImport({ format: 'graphml', content, profile });
      if (!r.ok) throw new Error(r.error.message);
    }),
  );
}
const fmt = (xs: number[]) =>
  `${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(' / ')})`;
report('import through the service (worker), until open', fmt(worker.map((x) => x.ms)));
report('  longest main-thread stall meanwhile', fmt(worker.map((x) => x.stallMs)));
report('peer: the same preparation in-thread, time', fmt(inThread.map((x) => x.ms)));
report('  longest main-thread stall (the whole of it)', fmt(inThread.map((x) => x.stallMs)));
report(
  '  stall ratio in-thread / worker',
  `${(median(inThread.map((x) => x.stallMs)) / median(worker.map((x) => x.stallMs))).toFixed(1)}×`,
);
await started.hub.closeAll();
rmSync(root, { recursive: true, force: true });
