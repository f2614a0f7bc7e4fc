/**
 * The canvas benchmark's real-app part (`npm run bench -- canvas`; docs/canvas-performance.md,
 * "The served editor at 10k / 50k / 100k"): the built headless server (`dist/`, built first)
 * with a laid-out plan imported through `/api/import`, opened in headless Chromium at
 * 1280×800. Per run: page load → first frame with content; a continuous zoom from fit-all to
 * zoom 1 (wheel events, one per frame, at the pane's centre) and back out to overview; a pan
 * (a mouse drag around a circle, one move per frame) at zoom 1 and at overview zoom; a
 * one-node status change made by another client (main-thread time from the batch's arrival,
 * the `lg-batch` mark, to the overview layer drawn, `lg-overview-drawn`, and to the next
 * frame); the JS heap after a forced GC (CDP `Runtime.getHeapUsage`).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import type { NodeRecord } from '../shared/model/types';
import { exportNativeJson } from '../shared/exchange/index';
import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { startServe, type ServeHandle } from '../e2e/support/serve-process';
import { makeChange, rpc, type ChangeKind, type ServedPlan } from './support/app-changes';
import { searchFor } from './support/app-find';

export { CHANGE_KINDS, type ChangeKind, type ServedPlan } from './support/app-changes';

export interface Motion {
  fps: number;
  p95FrameMs: number;
  frames: number;
  /** Zoom motions: mean frame time (ms) and frames per zoom band (where the time goes). */
  bands?: Record<string, { ms: number; frames: number }>;
  /**
   * A zoom that ends at card zoom: from its last frame until the cards on screen are all
   * mounted (the overview layer hidden again), and the longest frame meanwhile. Cards are not
   * mounted while a zoom moves (overview-mode.ts): this is where that work went.
   */
  settle?: { ms: number; maxFrameMs: number };
}

/** Zoom bands of the app: overview layer, cards' text-free look, far look, full cards. */
const ZOOM_BANDS = [
  ['<0.3', 0.3],
  ['0.3–0.45', 0.45],
  ['0.45–0.75', 0.75],
  ['≥0.75', Infinity],
] as const;

export const fmtBands = (m: Motion): string =>
  Object.entries(m.bands ?? {})
    .map(([band, b]) => `${band} ${b.ms.toFixed(1)} ms×${b.frames}`)
    .join(', ');

/** How long after ready the bench looks for the longest task (the links are made then). */
const AFTER_READY_MS = 2_000;

export interface AppRun {
  /** Page load → the overview drawn with every node (from the outline or the records). */
  firstFrameMs: number;
  /** Page load → drawn from the records (every node there to select, cards at any zoom). */
  readyMs: number;
  /** The longest task between the first frame and ready (a stall for a person panning it). */
  longestTaskMs: number;
  /** Page load → every link's element made (a large plan makes them after ready), + a frame. */
  linksMs: number;
  /** The longest task from ready to AFTER_READY_MS later, or to `linksMs` if later. */
  longestAfterMs: number;
  heapMb: number;
  zoomIn: Motion;
  zoomOut: Motion;
  panCard: Motion;
  panOverview: Motion;
  /** Batch arrival → overview layer drawn (main-thread work), and → next frame. */
  changeMs: number;
  changeFrameMs: number;
  /** What the overview layer did with the change (patch / rebuild) and its own time. */
  changeKind: string;
  layerMs: number;
  /** With CANVAS_BENCH_APP_FIND: the search box's count. */
  found?: string;
}

/**
 * What an app run measures: `all` (load, motions, change, heap) or `change` (load and the
 * one-node changes only: CANVAS_BENCH_APP_PART=change). `profile`: a file to write a
 * Chromium CPU profile (CDP Profiler) of the one-node changes to (CANVAS_BENCH_APP_PROFILE).
 */
export interface AppRunOptions {
  part: 'all' | 'change';
  /**
   * Where the changes are made: at fit-all (`overview`, the default: to the overview layer
   * drawn) or at zoom 1 (`card`, CANVAS_BENCH_APP_CHANGE_AT=card: cards mounted, the overview
   * layer idle; main thread = from the batch to the first task after it, which React's
   * synchronous render and commit of the change precede).
   */
  at: 'overview' | 'card';
  /**
   * What the change is (CANVAS_BENCH_APP_CHANGE): a status (`status`), a new node (`create`), a
   * new node linked under the changing node in the same batch (`create-linked`: node.create
   * with `target`), a node deleted with its links (`remove`: node.trash, as the Delete key), or
   * one link deleted (`remove-link`: link.trash), a link made between the changing node and an
   * existing one (`create-link`: link.create), or a link re-wired to another target
   * (`replace-link`: link.replace). Each change of a run removes (links, re-wires) another
   * node or link (earlier runs' are gone).
   */
  kind: ChangeKind;
  changes: number;
  /**
   * How many nodes the plan has at least when the run starts (the first frame waits for them);
   * by default `count`, less what earlier runs of a `remove` set took away.
   */
  expectNodes?: number;
  profile?: string;
  /** A CPU profile of the zoom fit→card motion (CANVAS_BENCH_APP_PROFILE_ZOOM). */
  profileZoom?: string;
  /** A search on during the changes (CANVAS_BENCH_APP_FIND=<query>; support/app-find.ts). */
  find?: string;
}

export function buildApp(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'ignore' });
}

/** A server with the plan of `count` nodes imported and open; answers the node to change. */
export async function serveWithPlan(
  count: number,
  /** Another build's server entry (`dist/electron/serve.mjs`), for an A/B in one window. */
  entry?: string,
): Promise<{ serve: ServeHandle; changing: NodeRecord; importMs: number; plan: ServedPlan }> {
  const serve = await startServe(undefined, 0, entry);
  const file = exportNativeJson(laidOutPlan(count));
  const t0 = performance.now();
  const res = await fetch(`${serve.origin}/api/import?format=json`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
    body: file,
  });
  const imported = (await res.json()) as { ok: boolean; workspace: { id: string } };
  if (!imported.ok) throw new Error(`import of ${count} nodes refused`);
  const importMs = performance.now() - t0;
  await rpc(serve, 'workspace.open', { id: imported.workspace.id });
  const graph = await rpc<ServedPlan>(serve, 'graph.get', {});
  // A node in the middle with only secondary links (column 55): its status change cascades
  // nowhere, so the change is one node.
  const changing = graph.nodes.find((n) => n.display_id === `TASK-${count / 2 + 55}`)!;
  return { serve, changing, importMs, plan: graph };
}

/** In the page: a per-frame motion (zoom to `to`, or a pan around a circle). */
export async function motion(
  page: Page,
  kind: 'zoom' | 'pan',
  ms: number,
  to = 1,
): Promise<Motion> {
  return page.evaluate(
    async ({ kind, ms, to, bandEdges }) => {
      const pane = document.querySelector('.react-flow__pane') as HTMLElement;
      const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
      const box = pane.getBoundingClientRect();
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      const zoomNow = () => new DOMMatrix(getComputedStyle(viewport).transform).a;
      const z0 = zoomNow();
      const deltas: number[] = [];
      /** The zoom each frame interval ended at (for the bands). */
      const zooms: number[] = [];
      if (kind === 'pan')
        pane.dispatchEvent(
          new MouseEvent('mousedown', {
            bubbles: true,
            clientX: cx + 200,
            clientY: cy,
            button: 0,
            buttons: 1,
            view: window,
          }),
        );
      await new Promise<void>((resolve) => {
        let start = -1;
        let last = -1;
        const step = (t: number) => {
          if (start < 0) start = t;
          else {
            deltas.push(t - last);
            zooms.push(zoomNow());
          }
          last = t;
          const p = Math.min(1, (t - start) / ms);
          if (kind === 'zoom') {
            // React Flow's wheel: zoom × 2^(−deltaY × 0.002).
            const want = z0 * Math.pow(to / z0, p);
            const deltaY = -Math.log2(want / zoomNow()) / 0.002;
            pane.dispatchEvent(
              new WheelEvent('wheel', {
                bubbles: true,
                cancelable: true,
                clientX: cx,
                clientY: cy,
                deltaY,
                deltaMode: 0,
              }),
            );
          } else {
            const a = p * Math.PI * 2;
            window.dispatchEvent(
              new MouseEvent('mousemove', {
                bubbles: true,
                clientX: cx + 200 * Math.cos(a),
                clientY: cy + 200 * Math.sin(a),
                buttons: 1,
                view: window,
              }),
            );
          }
          if (p < 1) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      if (kind === 'pan')
        window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, view: window }));
      // Ending at card zoom: how long until the cards are mounted (layer hidden, cards there).
      let settle: { ms: number; maxFrameMs: number } | undefined;
      if (kind === 'zoom' && to >= 0.3) {
        const layer = document.querySelector('canvas.lg-overview') as HTMLCanvasElement | null;
        const done = () =>
          layer?.dataset.active !== 'true' && document.querySelector('.react-flow__node') !== null;
        const t0 = performance.now();
        let prev = t0;
        let maxFrameMs = 0;
        await new Promise<void>((resolve) => {
          const tick = (t: number) => {
            maxFrameMs = Math.max(maxFrameMs, t - prev);
            prev = t;
            if (done() || t - t0 > 10_000) resolve();
            else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        settle = { ms: performance.now() - t0, maxFrameMs };
      }
      const sorted = [...deltas].sort((a, b) => a - b);
      const total = deltas.reduce((a, b) => a + b, 0);
      const bands: Record<string, { ms: number; frames: number }> = {};
      if (kind === 'zoom') {
        deltas.forEach((d, i) => {
          const [name] = bandEdges.find(([, below]) => zooms[i]! < below)!;
          const b = (bands[name] ??= { ms: 0, frames: 0 });
          b.ms += d;
          b.frames++;
        });
        for (const b of Object.values(bands)) b.ms /= b.frames;
      }
      return {
        fps: (deltas.length / total) * 1000,
        p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
        frames: deltas.length,
        ...(kind === 'zoom' ? { bands } : {}),
        ...(settle ? { settle } : {}),
      };
    },
    {
      kind,
      ms,
      to,
      bandEdges: ZOOM_BANDS.map(([n, b]) => [n, b === Infinity ? 1e9 : b] as [string, number]),
    },
  );
}

/**
 * Zooms to 1 at the pane's centre and waits for the cards there. A wheel zoom on a busy page can
 * end short of 1 (its frames read the view React Flow has not applied yet), and a change
 * "at zoom 1" measured at overview zoom would be another measure: so the zoom is checked,
 * completed, and a run that cannot reach cards fails loudly.
 */
export async function zoomToCards(page: Page): Promise<void> {
  const zoom = () =>
    page.evaluate(() => {
      const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
      return new DOMMatrix(getComputedStyle(viewport).transform).a;
    });
  await motion(page, 'zoom', 1000, 1);
  for (let tries = 0; tries < 3 && Math.abs((await zoom()) - 1) > 0.05; tries++) {
    await page.waitForTimeout(300);
    await motion(page, 'zoom', 300, 1);
  }
  const reached = await zoom();
  if (Math.abs(reached - 1) > 0.05) throw new Error(`zoom to cards ended at ${reached.toFixed(3)}`);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(600);
}

/** One run on an open plan: load, motions, a one-node change, heap. */
export async function appRun(
  browser: Browser,
  serve: ServeHandle,
  changing: NodeRecord,
  count: number,
  motionMs: number,
  run: number,
  options: AppRunOptions = { part: 'all', at: 'overview', kind: 'status', changes: 5 },
  plan?: ServedPlan,
): Promise<AppRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // tsx names inner functions with a `__name` helper, which functions sent to the page lack.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  // The page's long tasks from its start ([start, duration] in ms): the stall a person panning
  // the first frame meets before the page is ready.
  await page.addInitScript({
    content:
      'window.__longTasks = []; new PerformanceObserver((list) => { for (const e of list.getEntries()) ' +
      'window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });',
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(serve.url);
    // Earlier runs' `remove` changes took their nodes away.
    const expect =
      options.expectNodes ??
      (options.kind === 'remove' ? count - (run - 1) * options.changes : count);
    // First frame with content: the overview layer has drawn every node (from the plan's
    // outline while its records load, or from the records), plus one frame (at least `count`:
    // with CANVAS_BENCH_APP_CHANGE=create each run adds nodes).
    const nextFrame = () =>
      page.evaluate(
        () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))),
      );
    const overviewHas = (attribute: 'drawn' | 'nodes') =>
      page.waitForFunction(
        ({ n, attribute }) => {
          const c = document.querySelector('canvas.lg-overview') as HTMLCanvasElement | null;
          // `drawn` is `nodes` on builds without the outline (an A/B's other build).
          const has = c?.dataset[attribute] ?? c?.dataset.nodes;
          return c?.dataset.active === 'true' && Number(has) >= n;
        },
        { n: expect, attribute },
        { timeout: 120_000, polling: 'raf' },
      );
    await overviewHas('drawn');
    const firstFrameMs = await nextFrame();
    // Ready: drawn from the records (every node selectable, cards at any zoom), plus one frame.
    await overviewHas('nodes');
    const readyMs = await nextFrame();
    const longestTask = (from: number, to: number) =>
      page.evaluate(
        ({ from, to }) =>
          Math.max(
            0,
            ...(window as unknown as { __longTasks: [number, number][] }).__longTasks
              .filter(([start]) => start >= from && start < to)
              .map(([, duration]) => duration),
          ),
        { from, to },
      );
    const longestTaskMs = await longestTask(firstFrameMs, readyMs);
    // A large plan's links' elements are made after ready, in slices (use-synced-list.ts);
    // a build without the `data-links` mark (an A/B's older one) made them in one task.
    await page.waitForFunction(
      () =>
        (document.querySelector('.react-flow') as HTMLElement | null)?.dataset.links !== 'pending',
      undefined,
      { timeout: 120_000 },
    );
    const linksMs = await nextFrame();
    // The same window for every build: AFTER_READY_MS, or until the links are made if later.
    const until = Math.max(linksMs, readyMs + AFTER_READY_MS);
    await page.waitForTimeout(Math.max(0, until - linksMs));
    const longestAfterMs = await longestTask(readyMs, until);
    const cdp = await context.newCDPSession(page);
    await page.waitForTimeout(300);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const still: Motion = { fps: NaN, p95FrameMs: NaN, frames: 0 };
    let zoomIn = still;
    let panCard = still;
    let zoomOut = still;
    let panOverview = still;
    if (options.part === 'all') {
      if (options.profileZoom) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
      }
      zoomIn = await motion(page, 'zoom', motionMs, 1);
      if (options.profileZoom) {
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
        writeFileSync(options.profileZoom, JSON.stringify(profile));
      }
      await page.waitForTimeout(300);
      panCard = await motion(page, 'pan', motionMs);
      await page.waitForTimeout(300);
      zoomOut = await motion(page, 'zoom', motionMs, 0.02);
      await page.waitForTimeout(300);
      panOverview = await motion(page, 'pan', motionMs);
    }
    const found = options.find ? await searchFor(page, options.find) : undefined;
    // Back to fit-all (the menu's Fit button), then one-node changes from another client.
    await page.getByRole('button', { name: 'Fit the whole plan' }).click();
    await page.waitForTimeout(600);
    if (options.at === 'card') await zoomToCards(page);
    if (options.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const changes: { main: number; frame: number; kind: string; layer: number }[] = [];
    const end = options.at === 'card' ? 'lg-batch-done' : 'lg-overview-drawn';
    for (let i = 0; i < options.changes; i++) {
      await page.evaluate((end) => {
        performance.clearMarks();
        (window as unknown as { __frameAfter?: Promise<number> }).__frameAfter = new Promise(
          (resolve) => {
            const obs = new PerformanceObserver(() => {
              if (performance.getEntriesByName(end).length) {
                obs.disconnect();
                // The time the frame's callbacks run, not rAF's own timestamp: that is the
                // frame's begin time, which Chromium can set before a late task (the change's)
                // ran, so `frame - batch` came out negative (-9 ms, 2026-12-02 22:53).
                requestAnimationFrame(() => resolve(performance.now()));
              }
            });
            obs.observe({ type: 'mark' });
            // At card zoom: the first task after the batch's (a message to ourselves).
            if (end === 'lg-batch-done') {
              const wait = new PerformanceObserver(() => {
                if (!performance.getEntriesByName('lg-batch').length) return;
                wait.disconnect();
                const channel = new MessageChannel();
                channel.port1.onmessage = () => performance.mark('lg-batch-done');
                channel.port2.postMessage(0);
              });
              wait.observe({ type: 'mark' });
            }
          },
        );
      }, end);
      await makeChange(serve, options.kind, changing, plan, run, i);
      const r = await page.evaluate(async (end) => {
        const frame = await (window as unknown as { __frameAfter: Promise<number> }).__frameAfter;
        const batch = performance.getEntriesByName('lg-batch')[0]!.startTime;
        const drawn = performance
          .getEntriesByName(end)
          .find((m) => m.startTime >= batch)!.startTime;
        const c = document.querySelector('canvas.lg-overview') as HTMLCanvasElement | null;
        return {
          main: drawn - batch,
          frame: frame - batch,
          kind: c?.dataset.update ?? '',
          layer: Number(c?.dataset.updateMs),
        };
      }, end);
      changes.push(r);
      await page.waitForTimeout(200);
    }
    if (options.profile) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(options.profile, JSON.stringify(profile));
    }
    if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      firstFrameMs,
      readyMs,
      longestTaskMs,
      linksMs,
      longestAfterMs,
      heapMb: heap.usedSize / 1e6,
      zoomIn,
      zoomOut,
      panCard,
      panOverview,
      changeMs: med(changes.map((c) => c.main)),
      changeFrameMs: med(changes.map((c) => c.frame)),
      changeKind: [...new Set(changes.map((c) => c.kind))].join('/'),
      layerMs: med(changes.map((c) => c.layer)),
      ...(found !== undefined ? { found } : {}),
    };
  } finally {
    await context.close();
  }
}
