/**
 * Importing through the service (`npm run bench -- import`): how long until the new workspace
 * is written, checked and listed, and the longest main-thread stall meanwhile (the app's
 * windows and the local API wait for as long). A 10,000-node GraphML file three times, with
 * the same preparation run in-thread as the peer (how the service did it before imports moved
 * to a worker); then 100,000-node GraphML and native JSON files three times each (issue 16: < 8 s
 * and < 4 s, no stall over 100 ms), with a bare JSON.parse of the same JSON on the main
 * thread as the peer, and the first open of the imported 100,000-node workspace (which
 * happens on the main thread when someone uses it, like any open).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { exportGraphml, exportNativeJson } from '../shared/exchange/index';
import { bigGraph } from '../shared/exchange/test-support/fixtures';
import { prepareImport } from '../electron/service/prepare-import';
import { startService } from '../electron/service/start-service';
import { median } from './support/measure';

const NODES = 10_000;
const RUNS = 3;
const report = (label: string, value: string): void => console.log(`${label.padEnd(58)} ${value}`);
const load = () => loadavg()[0]?.toFixed(2);

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
  `GraphML file: ${NODES.toLocaleString('en')} nodes, ${(content.length / 1e6).toFixed(1)} MB; load average ${load()}`,
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
report('import through the service (worker), until listed', fmt(worker.map((x) => x.ms)));
report('  longest main-thread stall meanwhile', fmt(worker.map((x) => x.stallMs)));
report('peer: the same preparation in-thread, time', fmt(inThread.map((x) => x.ms)));
report('  longest main-thread stall (the whole of it)', fmt(inThread.map((x) => x.stallMs)));
report(
  '  stall ratio in-thread / worker',
  `${(median(inThread.map((x) => x.stallMs)) / median(worker.map((x) => x.stallMs))).toFixed(1)}×`,
);

// The fixed cost of any import: starting the worker (under tsx, as here, it compiles the
// TypeScript it runs; the built app's worker is one bundled .mjs), making and listing the
// folder. A 2-node CSV through the service, medians of 3.
const tiny = 'id,title\na,A\nb,B\n\nsource,target\na,b\n';
const fixed: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const r = await started.service.call(
    'import',
    { format: 'csv', content: tiny },
    { member: started.owner },
  );
  if (!r.ok) throw new Error(r.error.message);
  fixed.push(performance.now() - t);
}
report('fixed cost: a 2-node CSV through the service', fmt(fixed));

// ---- 100,000 nodes ----
const BIG = 100_000;
/** The two files, made from a graph that is dropped again (the service's heap stays lean). */
function bigFilesOf(count: number) {
  const big = bigGraph(count);
  console.log(
    `\n${count.toLocaleString('en')} nodes, ${big.links.length.toLocaleString('en')} links; load average ${load()}`,
  );
  return [
    ['graphml', flat(exportGraphml(big)), 8000],
    ['json', flat(exportNativeJson(big)), 4000],
  ] as const;
}
// Flat strings, as an HTTP body or an IPC message arrives (an exporter's output may be a rope,
// which the first slice would flatten on the main thread: a cost of the benchmark, not the app).
function flat(text: string): string {
  text.indexOf('\u0000');
  return text;
}
const bigFiles = bigFilesOf(BIG);
let lastId = '';
/** Medians of 3 imports of each big file (issue 16: "medians of 3 in one run"). */
const BIG_RUNS = 3;
for (const [format, file, target] of bigFiles) {
  const runs: { ms: number; stallMs: number }[] = [];
  for (let i = 0; i < BIG_RUNS; i++) {
    global.gc?.();
    runs.push(
      await stalls(async () => {
        const r = await started.service.call(
          'import',
          { format, content: file },
          { member: started.owner },
        );
        if (!r.ok) throw new Error(r.error.message);
        lastId = (r.value as { workspace: { id: string } }).workspace.id;
      }),
    );
  }
  report(
    `${format} (${(file.length / 1e6).toFixed(0)} MB) through the service, until listed`,
    `${fmt(runs.map((r) => r.ms))} (target < ${target}; load ${load()})`,
  );
  report(
    '  longest main-thread stall meanwhile',
    `${fmt(runs.map((r) => r.stallMs))} (target < 100)`,
  );
}
const parsePeer = await stalls(async () => {
  JSON.parse(bigFiles[1][1]);
  await Promise.resolve();
});
report(
  'peer: bare JSON.parse of the same JSON on the main thread',
  `${parsePeer.ms.toFixed(0)} ms`,
);
report('  longest main-thread stall (the whole of it)', `${parsePeer.stallMs.toFixed(0)} ms`);
const firstOpen = await stalls(async () => {
  const s = await started.hub.session(lastId);
  if (!s.ok) throw new Error(s.error.message);
});
report('first open of the imported 100,000-node workspace', `${firstOpen.ms.toFixed(0)} ms`);
report(
  '  longest main-thread stall (opening is main-thread work)',
  `${firstOpen.stallMs.toFixed(0)} ms`,
);
console.log(`load average at the end ${load()}`);

await started.hub.closeAll();
rmSync(root, { recursive: true, force: true });
