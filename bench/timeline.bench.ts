/**
 * Timeline benchmark (`npm run bench -- timeline`), issue 15 / SPEC [PL4]: the served editor
 * (the built headless server, `dist/`, built first) with a 10,000-node plan imported through
 * `/api/import`, opened in headless Chromium at 1280×800, the timeline shown. Per run, as the
 * canvas benchmark measures its motions (bench/canvas-app.ts): the frames of a vertical
 * scroll, one step per frame (the scroller's `scrollTop`, so every frame brings rows in and
 * out), slow (a wheel notch's 40 px) and fast (a page, 700 px); fps over the motion and the
 * 95th-percentile frame time. Target as the canvas's: ≥ 50 fps.
 *
 * The plan: laidOutPlan's 10,000 nodes, all open (so there are 10,000 rows), estimates of
 * 1–4 working days and every tenth node due, with half of the links along a row and every
 * down-link primary: chains that give the rows dependency arrows and a spread of starts.
 */
import { loadavg } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { exportNativeJson } from '../shared/exchange/index';
import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/support/chromium';
import { startServe, type ServeHandle } from '../e2e/support/serve-process';
import { buildApp } from './canvas-app';

const COUNT = Number(process.env.TIMELINE_BENCH_NODES ?? 10_000);
const RUNS = Number(process.env.TIMELINE_BENCH_RUNS ?? 3);
const MOTION_MS = Number(process.env.TIMELINE_BENCH_MOTION_MS ?? 3000);

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

interface Motion {
  fps: number;
  p95FrameMs: number;
  frames: number;
  rowsInDom: number;
}

/** The plan described above, as a native JSON file. */
function planFile(count: number): string {
  const graph = laidOutPlan(count);
  const nodes = graph.nodes.map((n, i) => ({
    ...n,
    status: 0 as const,
    in_trash: false,
    dependent: true,
    estimate: 1 + (i % 4),
    ...(i % 10 === 5 ? { due_date: `2031-0${1 + (i % 9)}-15` } : {}),
  }));
  const links = graph.links.map((l, i) =>
    i % 2 === 0 ? { ...l, type: 0 as const, link_type: undefined } : l,
  );
  return exportNativeJson({ ...graph, nodes, links });
}

async function serveWithPlan(): Promise<ServeHandle> {
  const serve = await startServe();
  const res = await fetch(`${serve.origin}/api/import?format=json`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
    body: planFile(COUNT),
  });
  const imported = (await res.json()) as { ok: boolean; workspace: { id: string } };
  if (!imported.ok) throw new Error(`import of ${COUNT} nodes refused`);
  const open = await fetch(`${serve.origin}/rpc/workspace.open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: imported.workspace.id }),
  });
  if (!((await open.json()) as { ok: boolean }).ok) throw new Error('workspace.open refused');
  return serve;
}

/** In the page: scroll down by `step` px per frame for `ms`, then measure the frames. */
async function scroll(page: Page, step: number, ms: number): Promise<Motion> {
  return page.evaluate(
    async ({ step, ms }) => {
      const el = document.querySelector('.lg-tl__scroller') as HTMLElement;
      el.scrollTop = 0;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const deltas: number[] = [];
      let rows = 0;
      await new Promise<void>((resolve) => {
        let start = -1;
        let last = -1;
        const frame = (t: number) => {
          if (start < 0) start = t;
          else deltas.push(t - last);
          last = t;
          // Down, and back up from the bottom, so a long motion keeps moving.
          const max = el.scrollHeight - el.clientHeight;
          const next = el.scrollTop + step;
          el.scrollTop = next > max ? 0 : next;
          rows = Math.max(rows, document.querySelectorAll('.lg-tl-bar').length);
          if (t - start < ms) requestAnimationFrame(frame);
          else resolve();
        };
        requestAnimationFrame(frame);
      });
      const sorted = [...deltas].sort((a, b) => a - b);
      const total = deltas.reduce((a, b) => a + b, 0);
      return {
        fps: (deltas.length / total) * 1000,
        p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
        frames: deltas.length,
        rowsInDom: rows,
      };
    },
    { step, ms },
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  console.log(`load average at start: ${load()}`);
  // TIMELINE_BENCH_BUILD=0: dist/ was just built (the same locked command ran the build).
  if (process.env.TIMELINE_BENCH_BUILD !== '0') buildApp();
  const serve = await serveWithPlan();
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  });
  const slow: Motion[] = [];
  const fast: Motion[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.addInitScript({ content: 'window.__name = (f) => f;' });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(serve.url);
        await page
          .locator('.react-flow__node, canvas.lg-overview[data-active="true"]')
          .first()
          .waitFor({ timeout: 120_000 });
        await page.getByRole('button', { name: 'Timeline', exact: true }).click();
        await page
          .getByRole('toolbar', { name: 'Timeline controls' })
          .getByText(`${COUNT.toLocaleString('en')} open nodes`)
          .waitFor({ timeout: 120_000 });
        await page.waitForTimeout(500);
        slow.push(await scroll(page, 40, MOTION_MS));
        await page.waitForTimeout(300);
        fast.push(await scroll(page, 700, MOTION_MS));
        if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
      } finally {
        await context.close();
      }
      const s = slow.at(-1);
      const f = fast.at(-1);
      console.log(
        `run ${run + 1}: slow ${s?.fps.toFixed(1)} fps (p95 ${s?.p95FrameMs.toFixed(1)} ms), fast ${f?.fps.toFixed(1)} fps (p95 ${f?.p95FrameMs.toFixed(1)} ms), ≤ ${Math.max(s?.rowsInDom ?? 0, f?.rowsInDom ?? 0)} bars in the DOM; load ${load()}`,
      );
    }
  } finally {
    await browser.close();
    await serve.stop();
  }
  const row = (what: string, ms: Motion[]) => {
    const fps = median(ms.map((m) => m.fps));
    return `| ${what} | **${fps.toFixed(1)} fps** | ${median(ms.map((m) => m.p95FrameMs)).toFixed(1)} ms | ≥ 50 fps | ${fps >= 50 ? 'yes' : 'no'} |`;
  };
  console.log(`load average at end: ${load()}`);
  console.log(`\nTimeline of ${COUNT.toLocaleString('en')} rows, median of ${RUNS} runs:`);
  console.log('\n| motion | fps | p95 frame | target | met |\n| --- | --- | --- | --- | --- |');
  console.log(row('vertical scroll, 40 px per frame', slow));
  console.log(row('vertical scroll, 700 px per frame', fast));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
