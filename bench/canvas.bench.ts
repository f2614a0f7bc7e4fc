/**
 * Canvas benchmark (`npm run bench -- canvas`): our viewport virtualisation against plain
 * React Flow with `onlyRenderVisibleElements`, same graph, same node component, same run.
 *
 * Builds bench/canvas-harness with Vite into a temp folder, serves it from a tiny static
 * server on 127.0.0.1, and drives headless Chromium through Playwright: time to first render
 * (navigation start → first node painted), pan and zoom frame rates over a few seconds of
 * per-frame viewport changes, and the cost of changing one node. Medians over RUNS runs,
 * interleaved so that load from other processes hits every variant alike.
 * Method and results: docs/canvas-performance.md.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir, loadavg } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/support/chromium';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import type { BenchApi, MotionResult } from './canvas-harness/driver';
import {
  appRun,
  buildApp,
  CHANGE_KINDS,
  type ChangeKind,
  fmtBands,
  serveWithPlan,
  type AppRun,
  type AppRunOptions,
  type Motion,
} from './canvas-app';
import { benchChangeMatrix } from './support/change-matrix';

const RUNS = Number(process.env.CANVAS_BENCH_RUNS ?? 3);
const MOTION_MS = Number(process.env.CANVAS_BENCH_MOTION_MS ?? 4000);
const NUDGES = 20;

interface Config {
  name: string;
  variant: 'virtual' | 'virtual-noclip' | 'plain';
  nodes: number;
  links: number;
  /** Share of links between random nodes anywhere on the plane (the rest join neighbours). */
  long: number;
  /** Extra query parameters for the page (experiments: `css`, `cell`, `margin`). */
  extra?: string;
}

// Main scenario: links between grid neighbours (what a layout produces). Stress scenario: 5%
// of links span the whole plane, so dozens of long edges cross every view — painting those,
// not culling, is then what a frame costs (`noclip`: the same without LinkEdge's clipping).
const ALL_CONFIGS: Config[] = [
  { name: 'virtual 10k', variant: 'virtual', nodes: 10_000, links: 15_000, long: 0 },
  { name: 'plain 10k', variant: 'plain', nodes: 10_000, links: 15_000, long: 0 },
  { name: 'plain 5k', variant: 'plain', nodes: 5_000, links: 7_500, long: 0 },
  { name: 'virtual 10k L', variant: 'virtual', nodes: 10_000, links: 15_000, long: 0.05 },
  { name: 'noclip 10k L', variant: 'virtual-noclip', nodes: 10_000, links: 15_000, long: 0.05 },
  { name: 'plain 10k L', variant: 'plain', nodes: 10_000, links: 15_000, long: 0.05 },
];

// Experiments (for A/B in one run, since the machine's load drifts): CANVAS_BENCH_ONLY picks
// configs by name (comma-separated); CANVAS_BENCH_EXTRA adds, after each picked config, a twin
// per `|`-separated set of query parameters (e.g. `css=...` URL-encoded, or `margin=0`).
// The served app's plan sizes (CANVAS_BENCH_APP, comma-separated; 0: none). With the app, the
// harness runs only the peer, plain React Flow at 10k, unless CANVAS_BENCH_ONLY says otherwise
// (empty: no harness at all, e.g. `CANVAS_BENCH_ONLY= CANVAS_BENCH_APP=100000`).
const APP_SIZES = (process.env.CANVAS_BENCH_APP ?? '10000,50000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const APP_RUNS = Number(process.env.CANVAS_BENCH_APP_RUNS ?? 2);
const APP_MOTION_MS = Number(process.env.CANVAS_BENCH_APP_MOTION_MS ?? 3000);
// The one-node change alone (CANVAS_BENCH_APP_PART=change: no motions), how many changes per
// run (CANVAS_BENCH_APP_CHANGES, 5), where (CANVAS_BENCH_APP_CHANGE_AT=card: at zoom 1), what (CANVAS_BENCH_APP_CHANGE=create | create-linked | remove | remove-link | create-link | replace-link; canvas-app.ts) and a CPU profile of the last run's changes
// (CANVAS_BENCH_APP_PROFILE=file.cpuprofile; open it in Chrome DevTools' Performance panel), and
// of the zoom fit→card motion (CANVAS_BENCH_APP_PROFILE_ZOOM=file.cpuprofile).
function changeKind(name: string | undefined): ChangeKind {
  if (name === undefined || name === '') return 'status';
  const kind = CHANGE_KINDS.find((k) => k === name);
  if (!kind) throw new Error(`CANVAS_BENCH_APP_CHANGE: one of ${CHANGE_KINDS.join(', ')}`);
  return kind;
}
// Several kinds (CANVAS_BENCH_APP_CHANGE=status,remove or `all`), places
// (CANVAS_BENCH_APP_CHANGE_AT=overview,card) or builds (CANVAS_BENCH_APP_AB=../linkgraph-base: that
// worktree's dist/ beside this one's, runs alternating) make a matrix (support/change-matrix.ts).
const KINDS: ChangeKind[] =
  process.env.CANVAS_BENCH_APP_CHANGE === 'all'
    ? [...CHANGE_KINDS]
    : (process.env.CANVAS_BENCH_APP_CHANGE ?? '').split(',').map((k) => changeKind(k.trim()));
const PLACES = (process.env.CANVAS_BENCH_APP_CHANGE_AT ?? 'overview')
  .split(',')
  .map((p): AppRunOptions['at'] => (p.trim() === 'card' ? 'card' : 'overview'));
const AB = (process.env.CANVAS_BENCH_APP_AB ?? '').split(',').filter(Boolean);
const MATRIX = KINDS.length > 1 || PLACES.length > 1 || AB.length > 0;
const APP_OPTIONS: AppRunOptions = {
  part: process.env.CANVAS_BENCH_APP_PART === 'change' ? 'change' : 'all',
  at: PLACES[0]!,
  kind: KINDS[0]!,
  changes: Number(process.env.CANVAS_BENCH_APP_CHANGES ?? 5),
  profile: process.env.CANVAS_BENCH_APP_PROFILE,
  profileZoom: process.env.CANVAS_BENCH_APP_PROFILE_ZOOM,
  // The changes with a search on (CANVAS_BENCH_APP_FIND=<query>; support/app-find.ts).
  find: process.env.CANVAS_BENCH_APP_FIND || undefined,
};
const ONLY =
  process.env.CANVAS_BENCH_ONLY?.split(',').map((s) => s.trim()) ??
  (APP_SIZES.length ? ['plain 10k'] : undefined);
const EXTRA = process.env.CANVAS_BENCH_EXTRA;
const CONFIGS: Config[] = ALL_CONFIGS.filter((c) => !ONLY || ONLY.includes(c.name)).flatMap((c) => [
  c,
  ...(EXTRA?.split('|') ?? []).map((extra, i) => ({ ...c, name: `${c.name} +${i + 1}`, extra })),
]);

/** The page's global, set by canvas-harness/driver.ts. (Functions passed to page.evaluate
 * run in the page, so they cannot share helpers with this file.) */
interface Paged {
  __bench: BenchApi;
}

interface RunResult {
  firstRenderMs: number;
  /** Of which: page script start, and graph generated + mapped (not React's work). */
  scriptStartMs: number;
  graphReadyMs: number;
  domNodesAtStart: number;
  pan: MotionResult;
  zoom: MotionResult;
  commitMs: number;
  nextFrameMs: number;
}

/** Same choice as playwright.config.ts: Playwright's Chromium, else a system one. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Serves `root` read-only on 127.0.0.1 at a free port. */
async function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? '' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

async function runOnce(browser: Browser, base: string, config: Config): Promise<RunResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const query = `variant=${encodeURIComponent(config.variant)}&nodes=${config.nodes}&links=${config.links}&long=${config.long}&seed=1${config.extra ? `&${config.extra}` : ''}`;
    await page.goto(`${base}?${query}`);
    await page.waitForFunction(
      () => (window as unknown as Partial<Paged>).__bench?.firstRenderMs !== undefined,
      undefined,
      { timeout: 180_000, polling: 50 },
    );
    if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
    const { firstRenderMs, scriptStartMs, graphReadyMs } = await page.evaluate(() => {
      const b = (window as unknown as Paged).__bench;
      return {
        firstRenderMs: b.firstRenderMs!,
        scriptStartMs: b.scriptStartMs,
        graphReadyMs: b.graphReadyMs!,
      };
    });
    // Let React Flow finish measuring before the motion starts.
    await page.waitForTimeout(500);
    const domNodesAtStart = await page.evaluate(() =>
      (window as unknown as Paged).__bench.domNodes(),
    );
    const pan = await page.evaluate(
      (ms) => (window as unknown as Paged).__bench.pan(ms),
      MOTION_MS,
    );
    const zoom = await page.evaluate(
      (ms) => (window as unknown as Paged).__bench.zoom(ms),
      MOTION_MS,
    );
    const nudge = await page.evaluate((n) => (window as unknown as Paged).__bench.nudge(n), NUDGES);
    if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
    return { firstRenderMs, scriptStartMs, graphReadyMs, domNodesAtStart, pan, zoom, ...nudge };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  console.log(`load average before: ${load()} (1/5/15 min)`);
  // CANVAS_BENCH_ONLY="" (empty): no harness config, only the served app (CANVAS_BENCH_APP).
  if (CONFIGS.length === 0) {
    if (APP_SIZES.length) await benchApp();
    console.log(`load average after: ${load()} (1/5/15 min)`);
    return;
  }
  const outDir = await mkdtemp(join(tmpdir(), 'linkgraph-canvas-bench-'));
  try {
    const t0 = performance.now();
    await build({
      configFile: fileURLToPath(new URL('./canvas-harness/vite.config.ts', import.meta.url)),
      build: { outDir },
    });
    console.log(`harness built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const { server, url } = await serve(outDir);
    const browser = await chromium.launch({
      executablePath: chromiumExecutable(),
      args: CHROMIUM_ARGS,
    });
    console.log(`browser: Chromium ${browser.version()}, ${RUNS} runs, ${MOTION_MS} ms motions`);
    const results = new Map<string, RunResult[]>(CONFIGS.map((c) => [c.name, []]));
    try {
      for (let run = 1; run <= RUNS; run++) {
        for (const config of CONFIGS) {
          const r = await runOnce(browser, url, config);
          results.get(config.name)!.push(r);
          console.log(
            `  run ${run} ${config.name.padEnd(13)} first render ${r.firstRenderMs.toFixed(0)} ms ` +
              `(script ${r.scriptStartMs.toFixed(0)}, graph ${r.graphReadyMs.toFixed(0)}), ` +
              `pan ${r.pan.fps.toFixed(1)} fps, zoom ${r.zoom.fps.toFixed(1)} fps, ` +
              `DOM nodes ${r.domNodesAtStart}/${Math.max(r.pan.maxDomNodes, r.zoom.maxDomNodes)}, ` +
              `one-node change ${r.commitMs.toFixed(1)} ms (load ${load()})`,
          );
          const bands = Object.entries(r.zoom.frameMsByZoom ?? {});
          if (bands.length) {
            console.log(
              `      zoom frame ms by zoom band: ${bands.map(([band, ms]) => `${band} ${ms.toFixed(0)}`).join(', ')}`,
            );
          }
        }
      }
    } finally {
      await browser.close();
      server.close();
    }
    report(results);
    if (APP_SIZES.length) await benchApp();
    console.log(`load average after: ${load()} (1/5/15 min)`);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** The served editor with imported plans (canvas-app.ts). */
async function benchApp(): Promise<void> {
  const t0 = performance.now();
  buildApp();
  console.log(`\napp built in ${((performance.now() - t0) / 1000).toFixed(1)} s (load ${load()})`);
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  });
  const rows: { count: number; runs: AppRun[] }[] = [];
  try {
    if (MATRIX && APP_OPTIONS.part === 'change') {
      for (const count of APP_SIZES)
        await benchChangeMatrix(browser, {
          count,
          kinds: KINDS,
          places: PLACES,
          runs: APP_RUNS,
          changes: APP_OPTIONS.changes,
          others: AB,
          load,
        });
      return;
    }
    for (const count of APP_SIZES) {
      const { serve, changing, importMs, plan } = await serveWithPlan(count);
      console.log(
        `served app, ${count.toLocaleString('en')} nodes / ${(count * 1.5).toLocaleString('en')} links (imported in ${importMs.toFixed(0)} ms; load ${load()})`,
      );
      const runs: AppRun[] = [];
      try {
        for (let run = 1; run <= APP_RUNS; run++) {
          const r = await appRun(
            browser,
            serve,
            changing,
            count,
            APP_MOTION_MS,
            run,
            {
              ...APP_OPTIONS,
              profile: run === APP_RUNS ? APP_OPTIONS.profile : undefined,
              profileZoom: run === APP_RUNS ? APP_OPTIONS.profileZoom : undefined,
            },
            plan,
          );
          runs.push(r);
          console.log(
            `  run ${run}: first frame ${r.firstFrameMs.toFixed(0)} ms, ready ${r.readyMs.toFixed(0)} ms ` +
              `(longest task meanwhile ${r.longestTaskMs.toFixed(0)} ms), links made ${r.linksMs.toFixed(0)} ms ` +
              `(longest task after ready ${r.longestAfterMs.toFixed(0)} ms), heap ${r.heapMb.toFixed(0)} MB, ` +
              `zoom fit→card ${fmtMotion(r.zoomIn)}, card→overview ${fmtMotion(r.zoomOut)}, ` +
              `pan at zoom 1 ${fmtMotion(r.panCard)}, at overview ${fmtMotion(r.panOverview)}, ` +
              `one-node change${r.found !== undefined ? ` (search: ${r.found})` : ''} ${r.changeMs.toFixed(1)} ms main thread (layer ${r.changeKind} ${r.layerMs.toFixed(1)} ms) / ${r.changeFrameMs.toFixed(1)} ms to the next frame (load ${load()})`,
          );
          console.log(`    zoom fit→card frames by zoom band: ${fmtBands(r.zoomIn)}`);
          console.log(`    zoom card→overview frames by zoom band: ${fmtBands(r.zoomOut)}`);
        }
      } finally {
        await serve.stop();
      }
      rows.push({ count, runs });
    }
  } finally {
    await browser.close();
  }
  console.log(`\nserved app, medians of ${APP_RUNS} runs (${APP_MOTION_MS} ms motions)`);
  console.log(
    'nodes     first frame       ready   zoom fit→card fps (p95)   zoom out fps (p95)   pan card fps (p95)   pan overview fps (p95)   one-node change   heap',
  );
  for (const { count, runs } of rows) {
    const m = (f: (r: AppRun) => number) => median(runs.map(f));
    const mo = (f: (r: AppRun) => Motion) =>
      `${m((r) => f(r).fps).toFixed(1)} (${m((r) => f(r).p95FrameMs).toFixed(0)} ms)`;
    console.log(
      `${String(count).padEnd(9)} ${`${m((r) => r.firstFrameMs).toFixed(0)} ms`.padStart(11)}   ` +
        `${`${m((r) => r.readyMs).toFixed(0)} ms`.padStart(9)}   ` +
        `${mo((r) => r.zoomIn).padStart(23)}   ${mo((r) => r.zoomOut).padStart(18)}   ` +
        `${mo((r) => r.panCard).padStart(18)}   ${mo((r) => r.panOverview).padStart(22)}   ` +
        `${`${m((r) => r.changeMs).toFixed(1)} ms`.padStart(15)}   ${m((r) => r.heapMb).toFixed(0)} MB`,
    );
  }
  // Cards are mounted once a zoom rests (overview-mode.ts): the cost moved there, shown here.
  for (const { count, runs } of rows) {
    const settled = runs.flatMap((r) => (r.zoomIn.settle ? [r.zoomIn.settle] : []));
    if (settled.length === 0) continue;
    console.log(
      `${String(count).padEnd(9)} after the zoom to cards rests: cards mounted in ` +
        `${median(settled.map((s) => s.ms)).toFixed(0)} ms, longest frame ` +
        `${median(settled.map((s) => s.maxFrameMs)).toFixed(0)} ms (medians)`,
    );
  }
}

const fmtMotion = (m: Motion) =>
  `${m.fps.toFixed(1)} fps (p95 ${m.p95FrameMs.toFixed(0)} ms)` +
  (m.settle
    ? `, cards mounted ${m.settle.ms.toFixed(0)} ms after it (longest frame ${m.settle.maxFrameMs.toFixed(0)} ms)`
    : '');

function report(results: Map<string, RunResult[]>): void {
  const rows = CONFIGS.map((c) => {
    const rs = results.get(c.name)!;
    return {
      name: c.name,
      first: median(rs.map((r) => r.firstRenderMs)),
      pan: median(rs.map((r) => r.pan.fps)),
      panP95: median(rs.map((r) => r.pan.p95FrameMs)),
      zoom: median(rs.map((r) => r.zoom.fps)),
      zoomP95: median(rs.map((r) => r.zoom.p95FrameMs)),
      dom: median(rs.map((r) => r.domNodesAtStart)),
      commit: median(rs.map((r) => r.commitMs)),
      frame: median(rs.map((r) => r.nextFrameMs)),
    };
  });
  console.log(`\nmedians of ${RUNS} runs (1280×800, headless Chromium, software rendering)`);
  console.log(
    'variant        first render   pan fps (p95 ms)   zoom fps (p95 ms)   DOM nodes   one-node change (commit / next frame)',
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(14)} ${`${r.first.toFixed(0)} ms`.padStart(12)}   ` +
        `${r.pan.toFixed(1).padStart(7)} (${r.panP95.toFixed(0).padStart(4)})   ` +
        `${r.zoom.toFixed(1).padStart(8)} (${r.zoomP95.toFixed(0).padStart(4)})   ` +
        `${String(r.dom).padStart(9)}   ${r.commit.toFixed(1)} ms / ${r.frame.toFixed(1)} ms`,
    );
  }
  if (ONLY || EXTRA) return; // an experiment: the comparisons below need the full set
  const row = (name: string) => rows.find((r) => r.name === name)!;
  for (const [ours, plain] of [
    ['virtual 10k', 'plain 10k'],
    ['virtual 10k L', 'plain 10k L'],
  ] as const) {
    const a = row(ours);
    const b = row(plain);
    console.log(
      `${ours} vs ${plain}: first render ${(b.first / a.first).toFixed(1)}× faster, ` +
        `pan ${(a.pan / b.pan).toFixed(1)}× and zoom ${(a.zoom / b.zoom).toFixed(1)}× the frame rate, ` +
        `one-node change ${(b.commit / a.commit).toFixed(1)}× cheaper`,
    );
  }
  const best = row('virtual 10k');
  const met = best.first < 1000 && best.pan >= 45 && best.zoom >= 45;
  console.log(
    `target (10k nodes: first render < 1 s, pan and zoom >= 45 fps): ${met ? 'met' : 'NOT met'} (virtual 10k)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
