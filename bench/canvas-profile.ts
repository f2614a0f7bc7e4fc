/**
 * A CPU profile of the served editor opening a large plan (docs/canvas-performance.md, "First
 * frame"): `node --import tsx bench/canvas-profile.ts [nodes] [zoom]` after `npm run build`.
 * Starts the built server with a laid-out plan imported through `/api/import`, opens the page
 * in headless Chromium with the CDP profiler running from before navigation to the first frame
 * with content, and prints the RPC answers' timings, the page's `lg-*` marks and the functions
 * with the most self time. With `zoom`, it profiles the fit→card zoom motion instead; with
 * `handover`, the one wheel step that crosses from the overview layer to cards (zoom 0.3);
 * with `pan`, a pan around a circle at zoom 1 (the bench's `pan card`); with `png` (or
 * `svg`), the export of the whole plan's picture from the Export menu: its time to the
 * download and the longest main-thread stall meanwhile (frame gaps and long tasks); with
 * `after`, the 2.5 s after ready (the links' elements, the indexes built when idle).
 */
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/support/chromium';
import { motion, serveWithPlan, zoomToCards } from './canvas-app';
import { stopWatching, watchMainThread } from './support/main-thread';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const count = Number(process.argv[2] ?? 100_000);
const mode = process.argv[3] ?? 'load';

function summarise(profile: Profile, top = 45): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => {
    const f = n.callFrame;
    const file = f.url.split('/').pop() ?? '';
    return `${f.functionName || '(anon)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  };
  const selfBy = new Map<string, number>();
  const totalBy = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    selfBy.set(label(node), (selfBy.get(label(node)) ?? 0) + us);
    // Total: charge each distinct frame on the stack once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at)!);
      if (seen.has(l)) continue;
      seen.add(l);
      totalBy.set(l, (totalBy.get(l) ?? 0) + us);
    }
  }
  const ms = (us: number) => (us / 1000).toFixed(1).padStart(8);
  console.log(`profile ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms`);
  console.log('\nself time:');
  for (const [l, us] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms(us)}  ${l}`);
  console.log('\ntotal time:');
  for (const [l, us] of [...totalBy].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${ms(us)}  ${l}`);
}

const { serve } = await serveWithPlan(count);
// CANVAS_PROFILE_SETTLE_MS: let the server finish what the import started before loading.
await new Promise((r) => setTimeout(r, Number(process.env.CANVAS_PROFILE_SETTLE_MS ?? 0)));
const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: CHROMIUM_ARGS,
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // tsx names inner functions with a `__name` helper, which functions sent to the page lack.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const rpcs: string[] = [];
  page.on('requestfinished', (req) => {
    const t = req.timing();
    if (req.url().includes('/rpc/') || req.url().endsWith('.js'))
      void req.response().then(async (res) => {
        const size = (await res?.body().catch(() => null))?.length ?? 0;
        rpcs.push(
          `${req.url().split('/').pop()?.split('?')[0]} start ${t.startTime.toFixed(0)} wait ${(t.responseStart - t.requestStart).toFixed(0)} ms, body ${(t.responseEnd - t.responseStart).toFixed(0)} ms, ${(size / 1e6).toFixed(2)} MB`,
        );
      });
  });
  const waitFirst = () =>
    page.waitForFunction(
      (n) => {
        const c = document.querySelector('canvas.lg-overview') as HTMLCanvasElement | null;
        return c?.dataset.active === 'true' && c.dataset.nodes === String(n);
      },
      count,
      { timeout: 120_000, polling: 'raf' },
    );
  if (mode === 'load') await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(serve.url);
  // The first frame with content: the overview has drawn every node, from the plan's outline
  // (while the records load) or from the records.
  await page.waitForFunction(
    (n) => {
      const c = document.querySelector('canvas.lg-overview') as HTMLCanvasElement | null;
      return c?.dataset.active === 'true' && c.dataset.drawn === String(n);
    },
    count,
    { timeout: 120_000, polling: 'raf' },
  );
  const drawn = await page.evaluate(
    () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))),
  );
  console.log(`overview drawn (outline or records) ${drawn.toFixed(0)} ms`);
  await waitFirst();
  const first = await page.evaluate(
    () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))),
  );
  if (mode === 'zoom') {
    await page.waitForTimeout(1500);
    await cdp.send('Profiler.start');
    const fps = await page.evaluate(async () => {
      const pane = document.querySelector('.react-flow__pane') as HTMLElement;
      const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
      const box = pane.getBoundingClientRect();
      const zoomNow = () => new DOMMatrix(getComputedStyle(viewport).transform).a;
      const z0 = zoomNow();
      let frames = 0;
      const start = performance.now();
      await new Promise<void>((resolve) => {
        const step = () => {
          frames++;
          const p = Math.min(1, (performance.now() - start) / 3000);
          const want = z0 * Math.pow(1 / z0, p);
          pane.dispatchEvent(
            new WheelEvent('wheel', {
              bubbles: true,
              cancelable: true,
              clientX: box.left + box.width / 2,
              clientY: box.top + box.height / 2,
              deltaY: -Math.log2(want / zoomNow()) / 0.002,
            }),
          );
          if (p < 1) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      return (frames / (performance.now() - start)) * 1000;
    });
    console.log(`zoom fit→card ${fps.toFixed(1)} fps`);
  }
  if (mode === 'pan') {
    await zoomToCards(page);
    await cdp.send('Profiler.start');
    const pan = await motion(page, 'pan', 3000);
    console.log(`pan at zoom 1: ${pan.fps.toFixed(1)} fps, p95 ${pan.p95FrameMs.toFixed(0)} ms`);
  }
  if (mode === 'handover') {
    // Zoom (wheel steps at the centre) to just under the hand-over, settle, then profile the
    // one step that mounts the cards, and time its frame.
    const wheelTo = (z: number) =>
      page.evaluate(async (z) => {
        const pane = document.querySelector('.react-flow__pane') as HTMLElement;
        const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
        const box = pane.getBoundingClientRect();
        const zoomNow = () => new DOMMatrix(getComputedStyle(viewport).transform).a;
        const t0 = performance.now();
        pane.dispatchEvent(
          new WheelEvent('wheel', {
            bubbles: true,
            cancelable: true,
            clientX: box.left + box.width / 2,
            clientY: box.top + box.height / 2,
            deltaY: -Math.log2(z / zoomNow()) / 0.002,
          }),
        );
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return {
          ms: performance.now() - t0,
          zoom: zoomNow(),
          cards: document.querySelectorAll('.react-flow__node').length,
        };
      }, z);
    await page.waitForTimeout(1500);
    for (const z of [0.05, 0.1, 0.2, 0.28]) await wheelTo(z);
    // (Between 0.3 and 0.45 cards mount only once the zoom rests: overview-mode.ts.)
    await page.waitForTimeout(1500);
    await cdp.send('Profiler.start');
    // Main-thread time of the hand-over (Chromium's own counters), less quantised than frames.
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries(
        (
          (await cdp.send('Performance.getMetrics')) as {
            metrics: { name: string; value: number }[];
          }
        ).metrics.map((m) => [m.name, m.value]),
      ) as Record<string, number>;
    const m0 = await metrics();
    // Every frame's time from the step until the cards have mounted at rest (150 ms later).
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[] };
      w.__frames = [performance.now()];
      const tick = (t: number) => {
        w.__frames.push(t);
        if (w.__frames.length < 400) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const step = await wheelTo(0.31);
    await page.waitForTimeout(2000);
    const m1 = await metrics();
    const busy = (k: string) => ((m1[k]! - m0[k]!) * 1000).toFixed(0);
    console.log(
      `main thread over the hand-over: task ${busy('TaskDuration')} ms, script ${busy('ScriptDuration')} ms, ` +
        `style ${busy('RecalcStyleDuration')} ms, layout ${busy('LayoutDuration')} ms`,
    );
    const frames = await page.evaluate(() => {
      const f = (window as unknown as { __frames: number[] }).__frames.slice(0, 120);
      return f.slice(1).map((t, i) => t - f[i]!);
    });
    const sorted = [...frames].sort((a, b) => a - b);
    const mounted = await page.evaluate(
      () => document.querySelectorAll('.react-flow__node').length,
    );
    console.log(
      `hand-over step: ${step.ms.toFixed(0)} ms to two frames, zoom ${step.zoom.toFixed(3)}, ${step.cards} cards; ` +
        `at rest ${mounted} cards; frames over 2 s: max ${sorted.at(-1)!.toFixed(0)} ms, ` +
        `p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(0)} ms, ${frames.length} frames, ` +
        `over 50 ms: ${
          frames
            .filter((d) => d > 50)
            .map((d) => d.toFixed(0))
            .join(' ') || 'none'
        }`,
    );
    const more = await wheelTo(0.5);
    console.log(`next step: ${more.ms.toFixed(0)} ms, ${more.cards} cards`);
  }
  if (mode === 'after') {
    // The 2.5 s after ready: the links' elements (made in slices) and what is built when idle.
    await watchMainThread(page);
    await cdp.send('Profiler.start');
    await page.waitForTimeout(2500);
    const { long } = await stopWatching(page);
    const over = long.filter((d) => d > 50).map((d) => d.toFixed(0));
    console.log(`after ready: tasks over 50 ms: ${over.join(' ') || 'none'}`);
  }
  if (mode === 'png' || mode === 'svg') {
    await page.waitForTimeout(1500);
    await watchMainThread(page);
    await cdp.send('Profiler.start');
    const t1 = Date.now();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 300_000 }),
      page.getByRole('menuitem', { name: new RegExp(mode.toUpperCase()) }).click(),
    ]);
    const path = await download.path();
    const took = Date.now() - t1;
    const { gaps, long } = await stopWatching(page);
    const size = (await import('node:fs')).statSync(path).size;
    (await import('node:fs')).copyFileSync(path, `/tmp/canvas-profile-export-${count}.${mode}`);
    console.log(
      `${mode} of ${count} nodes: ${took} ms click to download, ${(size / 1e6).toFixed(2)} MB; ` +
        `longest frame gap ${Math.max(...gaps).toFixed(0)} ms, longest task ${Math.max(0, ...long).toFixed(0)} ms, ` +
        `tasks over 100 ms: ${long.filter((d) => d > 100).length}`,
    );
  }
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  writeFileSync(`/tmp/canvas-profile-${mode}-${count}.cpuprofile`, JSON.stringify(profile));
  const marks = await page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .concat(performance.getEntriesByType('measure'))
      .map((m) => `${m.name} ${m.startTime.toFixed(0)} ${m.duration ? m.duration.toFixed(0) : ''}`),
  );
  // Each request's start, first byte and end on the page's clock (navigation start = 0).
  const requests = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e as PerformanceResourceTiming)
      .map(
        (e) =>
          `${e.name.split('/').pop()?.split('?')[0]} ${e.startTime.toFixed(0)} → ${e.responseStart.toFixed(0)} → ${e.responseEnd.toFixed(0)}`,
      ),
  );
  console.log(`first frame ${first.toFixed(0)} ms (wall ${Date.now() - t0} ms)`);
  console.log(`requests (start → first byte → end, ms):\n${requests.join('\n')}`);
  console.log(rpcs.join('\n'));
  console.log(marks.join('\n'));
  summarise(profile);
} finally {
  await browser.close();
  await serve.stop();
}
