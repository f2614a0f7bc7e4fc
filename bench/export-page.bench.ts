/**
 * Every export of a large plan from the served editor's Export menu (issue 16: "Export of
 * 100,000 nodes to every text format < 2 s each; SVG/PNG of the whole plan builds without
 * freezing the page"): `npm run build`, then `npm run bench -- export-page`. The built
 * headless server with a laid-out plan imported through `/api/import` (bench/canvas-app.ts),
 * opened in headless Chromium at 1280×800; per export, the time from the menu click to the
 * download (Playwright's `download` event), the file's size, the page's longest task
 * (`longtask` observer) and longest frame gap (a rAF loop) meanwhile, and for a text format the
 * `/rpc/export` call's server wait and body download. Medians over the runs.
 *
 * EXPORT_BENCH_NODES (100000), EXPORT_BENCH_FORMATS (menu formats, comma-separated; default
 * all: json,graphml,dot,mermaid,canvas,csv-nodes,csv-links,gantt,ics,svg,png),
 * EXPORT_BENCH_RUNS (1 a text format), EXPORT_BENCH_PICTURE_RUNS (3 a picture).
 */
import { statSync } from 'node:fs';
import { chromium, type Page, type Request } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/support/chromium';
import { EXPORT_CHOICES } from '../renderer/exchange/format-labels';
import { serveWithPlan } from './canvas-app';
import { median } from './support/measure';
import { stopWatching, watchMainThread } from './support/main-thread';

const count = Number(process.env.EXPORT_BENCH_NODES ?? 100_000);
const formats = (process.env.EXPORT_BENCH_FORMATS ?? EXPORT_CHOICES.map((c) => c.format).join(','))
  .split(',')
  .filter(Boolean);
const textRuns = Number(process.env.EXPORT_BENCH_RUNS ?? 1);
const pictureRuns = Number(process.env.EXPORT_BENCH_PICTURE_RUNS ?? 3);

interface ExportRun {
  ms: number;
  mb: number;
  longestTask: number;
  longestGap: number;
  tasksOver100: number;
  rpc?: { wait: number; body: number };
}

async function exportOnce(page: Page, label: string): Promise<ExportRun> {
  await page.waitForTimeout(1000);
  await watchMainThread(page);
  let rpc: ExportRun['rpc'];
  const onRequest = (req: Request) => {
    if (!/\/(rpc|api)\/export\b/.test(req.url())) return;
    const t = req.timing();
    rpc = { wait: t.responseStart - t.requestStart, body: t.responseEnd - t.responseStart };
  };
  page.on('requestfinished', onRequest);
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 300_000 }),
    page.getByRole('menuitem', { name: label, exact: true }).click(),
  ]);
  const ms = Date.now() - t0;
  const path = await download.path();
  page.off('requestfinished', onRequest);
  // Frames and tasks until the page is quiet again (the blob's clean-up, a late render).
  await page.waitForTimeout(300);
  const { gaps, long } = await stopWatching(page);
  return {
    ms,
    mb: statSync(path).size / 1e6,
    longestTask: Math.max(0, ...long),
    longestGap: Math.max(0, ...gaps),
    tasksOver100: long.filter((d) => d > 100).length,
    ...(rpc ? { rpc } : {}),
  };
}

const { serve } = await serveWithPlan(count);
const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: CHROMIUM_ARGS,
});
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  // tsx names inner functions with a `__name` helper, which functions sent to the page lack.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(serve.url);
  await page.waitForFunction(
    (n) => {
      const c = document.querySelector('canvas.lg-overview') as HTMLCanvasElement | null;
      return c?.dataset.active === 'true' && c.dataset.nodes === String(n);
    },
    count,
    { timeout: 120_000, polling: 'raf' },
  );
  await page.waitForTimeout(1500);
  console.log(`exports of ${count} nodes from the served editor's Export menu (medians)`);
  for (const format of formats) {
    const choice = EXPORT_CHOICES.find((c) => c.format === format);
    if (!choice) throw new Error(`no export format ${format}`);
    const runs: ExportRun[] = [];
    const n = choice.kind === 'image' ? pictureRuns : textRuns;
    for (let i = 0; i < n; i++) runs.push(await exportOnce(page, choice.label));
    const m = (f: (r: ExportRun) => number) => median(runs.map(f)).toFixed(0);
    const rpc = runs[0]!.rpc
      ? `; server ${m((r) => r.rpc!.wait)} ms, body ${m((r) => r.rpc!.body)} ms`
      : '';
    console.log(
      `${choice.label.padEnd(22)} ${m((r) => r.ms).padStart(6)} ms click→download ` +
        `(${runs.map((r) => r.ms).join(' / ')}), ${median(runs.map((r) => r.mb)).toFixed(1)} MB; ` +
        `longest task ${m((r) => r.longestTask)} ms (${runs.map((r) => r.longestTask.toFixed(0)).join(' / ')}), ` +
        `longest frame gap ${m((r) => r.longestGap)} ms, tasks over 100 ms ${m((r) => r.tasksOver100)}${rpc}`,
    );
  }
} finally {
  await browser.close();
  await serve.stop();
}
