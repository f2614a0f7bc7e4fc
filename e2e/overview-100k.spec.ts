/**
 * [U5] A 100,000-node / 150,000-link plan in the served editor: it opens fitted, the overview
 * layer (renderer/canvas/overview) draws the whole plan, a click at overview zoom selects the
 * node under the pointer, and zooming in hands over to the DOM cards. Speed is measured in
 * `npm run bench -- canvas`, not here.
 */
import { expect, test, type Page } from '@playwright/test';
import type { NodeRecord } from '../shared/model/types';
import { exportNativeJson } from '../shared/exchange/index';
import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { farIdPx } from '../renderer/canvas/level-of-detail';
import { cardSize } from '../renderer/exchange/card-text';
import { api, openImportedPlan } from './support/api';
import { docShotPath } from './support/doc-shots';
import { startServe, type ServeHandle } from './support/serve-process';

const COUNT = 100_000;
const CARD = { width: 227, height: 67 };

let serve: ServeHandle;
let records: NodeRecord[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  serve = await startServe();
  // The fastest way in: one native JSON import through the API, then open that workspace.
  const file = exportNativeJson(laidOutPlan(COUNT));
  await openImportedPlan(serve, file, 'Hundred thousand');
  // The editor's own read (the REST API pages its answers).
  const view = await api<{ value: { nodes: NodeRecord[]; links: unknown[] } }>(
    serve,
    'POST',
    '/rpc/graph.get',
    {},
  );
  records = view.value.nodes;
  expect(records).toHaveLength(COUNT);
  expect(view.value.links.length).toBe(150_000);
});
test.afterAll(async () => {
  await serve?.stop();
});

/** React Flow's transform and the pane's box on the page. */
async function viewport(page: Page) {
  const [x, y, zoom] = await page.locator('.react-flow__viewport').evaluate((el) => {
    const m = new DOMMatrix(getComputedStyle(el).transform);
    return [m.e, m.f, m.a];
  });
  const pane = await page.locator('.react-flow').boundingBox();
  if (!pane) throw new Error('no canvas');
  return { x: x!, y: y!, zoom: zoom!, pane };
}

test('[U5] 100,000 nodes: fit-all shows the whole plan in the overview, a click there selects, zooming in hands over to cards', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto(serve.url);
  const layer = page.getByRole('img', { name: 'Plan overview' });
  await expect(layer).toHaveAttribute('data-active', 'true', { timeout: 20_000 });
  await expect(layer).toHaveAttribute('data-nodes', String(COUNT));
  // No cards are mounted while the overview draws the plan.
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // The whole plan is inside the pane.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of records) {
    minX = Math.min(minX, r.position.x);
    minY = Math.min(minY, r.position.y);
    maxX = Math.max(maxX, r.position.x + CARD.width);
    maxY = Math.max(maxY, r.position.y + CARD.height);
  }
  const fit = await viewport(page);
  expect(fit.zoom).toBeLessThan(0.3);
  expect(fit.x + minX * fit.zoom).toBeGreaterThanOrEqual(-1);
  expect(fit.y + minY * fit.zoom).toBeGreaterThanOrEqual(-1);
  expect(fit.x + maxX * fit.zoom).toBeLessThanOrEqual(fit.pane.width + 1);
  expect(fit.y + maxY * fit.zoom).toBeLessThanOrEqual(fit.pane.height + 1);
  // The zoom reads as what it is (a fraction of 1%), not "0%".
  expect(fit.zoom).toBeLessThan(0.01);
  await expect(page.getByLabel('Zoom level')).toHaveText(
    `${Number((fit.zoom * 100).toPrecision(2))}%`,
  );

  // And it is drawn: status-coloured pixels from the top to the bottom of the plan.
  const drawn = await layer.evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const { data, width } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    let top = Infinity;
    let bottom = -Infinity;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a < 128 || Math.max(r, g, b) - Math.min(r, g, b) < 60) continue;
      count++;
      const y = Math.floor(i / 4 / width);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
    return { count, top, bottom };
  });
  const planTop = fit.y + minY * fit.zoom;
  const planBottom = fit.y + maxY * fit.zoom;
  expect(drawn.count).toBeGreaterThan(5000);
  expect(drawn.top).toBeLessThan(planTop + 10);
  expect(drawn.bottom).toBeGreaterThan(planBottom - 10);
  await page.screenshot({ path: docShotPath('overview-100k-fit') });

  // The canvas's spatial index (~0.2 s to build at this size) is built once, when idle after
  // the links are all made, not also for the first frame's blocking links before them.
  const canvas = page.locator('.react-flow');
  await expect(canvas).toHaveAttribute('data-links', 'complete', { timeout: 20_000 });
  const builds = () =>
    page.evaluate(() =>
      performance
        .getEntriesByName('lg-flow-index')
        .map((m) => (m as PerformanceMark).detail as { nodes: number; edges: number }),
    );
  await expect
    .poll(async () => (await builds()).filter((b) => b.nodes > 0).length, { timeout: 10_000 })
    .toBeGreaterThan(0);
  await page.waitForTimeout(1500);
  // (One of the empty lists the page starts with, while the outline shows, costs nothing.)
  const made = (await builds()).filter((b) => b.nodes > 0);
  expect(made).toHaveLength(1);
  expect(made[0]!.nodes).toBe(COUNT);
  expect(made[0]!.edges).toBeGreaterThan(140_000);

  // Zoom in a little with the wheel (still overview), then click the middle of one node.
  const target = records[50_050]!;
  const at = (v: Awaited<ReturnType<typeof viewport>>, r: NodeRecord) => ({
    x: v.pane.x + v.x + (r.position.x + CARD.width / 2) * v.zoom,
    y: v.pane.y + v.y + (r.position.y + CARD.height / 2) * v.zoom,
  });
  let point = at(fit, target);
  await page.mouse.move(point.x, point.y);
  for (let i = 0; i < 4; i++) {
    await page.mouse.wheel(0, -500);
    await page.waitForTimeout(80);
  }
  const mid = await viewport(page);
  expect(mid.zoom).toBeLessThan(0.3);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  point = at(mid, target);
  await page.mouse.click(point.x, point.y);
  const details = page.getByRole('complementary', { name: 'Node details' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText(target.display_id);
  await page.screenshot({ path: 'test-results/overview-100k-selected.png' });
  // Dark theme: the layer redraws in the dark colours (CSS variables, read on a theme change).
  const app = page.locator('.lg-app');
  const toggle = page.getByRole('button', { name: /^Use (light|dark) theme$/ });
  const light = (await app.getAttribute('data-theme')) !== 'dark';
  if (light) await toggle.click();
  await expect(app).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: docShotPath('overview-100k-dark') });
  if (light) await toggle.click();
  await expect(app).not.toHaveAttribute('data-theme', 'dark');

  // Zoom in to a readable card around that node: in big steps, then small ones near the
  // hand-over, with a picture of the last overview frame and the first frame of cards.
  const wheelAt = async (delta: number) => {
    const v = await viewport(page);
    point = at(v, target);
    await page.mouse.move(point.x, point.y);
    await page.mouse.wheel(0, delta);
    await page.waitForTimeout(80);
  };
  for (let i = 0; i < 12 && (await viewport(page)).zoom < 0.2; i++) await wheelAt(-300);
  for (let i = 0; i < 40 && (await viewport(page)).zoom < 0.3; i++) {
    await page.screenshot({ path: docShotPath('overview-handover-canvas') });
    await wheelAt(-100);
  }
  // Cards from zoom 0.3 (text-free until 0.45, as the layer's boxes): no jump at the hand-over.
  await expect(page.locator(`.react-flow__node[data-id="${target.id}"]`)).toBeVisible();
  await page.screenshot({ path: docShotPath('overview-handover-cards') });
  // The ids the layer wrote just before are in the cards' size: a card's display id (its
  // ::before, in flow px) is farIdPx on screen, the size the layer writes at this zoom.
  const shown = await page
    .locator(`.react-flow__node[data-id="${target.id}"] .lg-node`)
    .evaluate((el) => ({
      px: parseFloat(getComputedStyle(el, '::before').fontSize),
      chars: (el.getAttribute('data-display-id') ?? '').length,
    }));
  const handoverZoom = (await viewport(page)).zoom;
  expect(shown.chars).toBe(target.display_id.length);
  expect(shown.px * handoverZoom).toBeCloseTo(farIdPx(handoverZoom, shown.chars), 1);
  // And the boxes the layer drew are the cards' heights: the layer's estimate from a title
  // (cardSize, renderer/exchange/card-text.ts) against the cards now mounted, one, two and
  // three lines of title among them.
  const cards = await page.locator('.react-flow__node .lg-node').evaluateAll((els) =>
    els.slice(0, 60).map((el) => ({
      title: el.getAttribute('data-title') ?? '',
      height: el.getBoundingClientRect().height,
    })),
  );
  const lines = new Set<number>();
  for (const card of cards) {
    const estimate = cardSize({ title: card.title });
    lines.add(estimate.lines.length);
    expect(Math.abs(card.height - estimate.height * handoverZoom), card.title).toBeLessThan(1);
  }
  expect([...lines].sort()).toEqual([1, 2, 3]);
  for (let i = 0; i < 40 && (await viewport(page)).zoom < 0.8; i++) await wheelAt(-100);
  expect((await viewport(page)).zoom).toBeGreaterThanOrEqual(0.8);
  // Hidden (so out of the accessibility tree) once the cards take over.
  await expect(page.locator('canvas.lg-overview')).toHaveAttribute('data-active', 'false');
  const card = page.locator(`.react-flow__node[data-id="${target.id}"]`);
  await expect(card).toBeVisible();
  await expect(card.locator('.lg-node')).toHaveClass(/lg-node--selected/);
  await expect(card).toContainText(target.display_id);
  await page.screenshot({ path: docShotPath('overview-readable-card') });
});

test('[U5] the outline first: the whole plan is drawn before its records arrive, in the pixels the records then draw', async ({
  page,
}) => {
  test.setTimeout(60_000);
  // The records' answer is held until the outline has been drawn, so the test sees that frame
  // on any machine (unheld, it comes ~1–2 s before the records at this size).
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await page.route('**/rpc/graph.columns', async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.goto(serve.url);
  const layer = page.getByRole('img', { name: 'Plan overview' });
  await expect(layer).toHaveAttribute('data-outline', 'true', { timeout: 20_000 });
  await expect(layer).toHaveAttribute('data-active', 'true');
  await expect(layer).toHaveAttribute('data-drawn', String(COUNT));
  expect(asked).toBe(true);
  // The page says the plan is still coming (nothing can be selected yet).
  const loading = page.getByRole('status').filter({ hasText: 'Loading the plan’s 100,000 nodes' });
  await expect(loading).toBeVisible();
  // A search meanwhile says the nodes are loading, not that nothing matches.
  const search = page.getByRole('combobox', { name: 'Search nodes' });
  const target = records[50_050]!;
  await search.fill(target.display_id);
  await expect(page.getByTestId('search-count')).toHaveText('Loading…');
  await expect(page.getByRole('listbox', { name: 'Search results' })).toContainText(
    'still loading',
  );
  await search.fill('');
  await search.blur();
  // Nothing is drawn from records yet: no node count, no cards, no links.
  await expect(layer).not.toHaveAttribute('data-nodes', /.+/);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  // A canvas's pixels, as a digest (a failure then reports two short strings).
  const minimap = page.getByRole('img', { name: 'Minimap' });
  const pixels = (canvas = layer) =>
    canvas.evaluate(async (el) => {
      const png = new TextEncoder().encode((el as HTMLCanvasElement).toDataURL());
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', png));
      return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    });
  const fromOutline = await pixels();
  // The minimap draws the outline too (it has no records yet).
  await expect(minimap).toHaveAttribute('data-nodes', '0');
  const minimapFromOutline = await pixels(minimap);
  const fit = await viewport(page);
  expect(fit.zoom).toBeLessThan(0.3);
  await page.screenshot({ path: docShotPath('overview-100k-outline') });
  // And in the dark theme (the layer's colours are read from CSS variables).
  const app = page.locator('.lg-app');
  const toggle = page.getByRole('button', { name: /^Use (light|dark) theme$/ });
  const light = (await app.getAttribute('data-theme')) !== 'dark';
  if (light) await toggle.click();
  await expect(app).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'test-results/overview-100k-outline-dark.png' });
  if (light) await toggle.click();
  await expect(app).not.toHaveAttribute('data-theme', 'dark');
  // A click on a node of the outline selects nothing (it has no ids) and breaks nothing.
  await page.mouse.click(
    fit.pane.x + fit.x + (target.position.x + CARD.width / 2) * fit.zoom,
    fit.pane.y + fit.y + (target.position.y + CARD.height / 2) * fit.zoom,
  );
  await expect(page.getByRole('complementary', { name: 'Node details' })).toHaveCount(0);
  // Zoomed in to card size meanwhile, the plan is still drawn (as cards' boxes), not blank.
  const centre = {
    x: fit.pane.x + fit.x + (target.position.x + CARD.width / 2) * fit.zoom,
    y: fit.pane.y + fit.y + (target.position.y + CARD.height / 2) * fit.zoom,
  };
  await page.mouse.move(centre.x, centre.y);
  for (let i = 0; i < 40 && (await viewport(page)).zoom < 0.8; i++) {
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(50);
  }
  expect((await viewport(page)).zoom).toBeGreaterThanOrEqual(0.8);
  await expect(layer).toHaveAttribute('data-active', 'true');
  const inked = await layer.evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count++;
    return count / (data.length / 4);
  });
  expect(inked).toBeGreaterThan(0.05);
  await page.screenshot({ path: 'test-results/overview-100k-outline-zoomed.png' });
  // Back to the whole plan (the Fit button fits the outline's box: the same view as before).
  await page.getByRole('button', { name: 'Fit the whole plan' }).click();
  await expect.poll(async () => (await viewport(page)).zoom).toBeCloseTo(fit.zoom, 5);

  release();
  await expect(layer).toHaveAttribute('data-nodes', String(COUNT), { timeout: 30_000 });
  await expect(layer).not.toHaveAttribute('data-outline', /.+/);
  await expect(loading).toHaveCount(0);
  // The same view (no second fit), and the same picture, blocking links and all: the
  // hand-over from the outline to the records shows no change.
  const after = await viewport(page);
  expect([after.x, after.y, after.zoom]).toEqual([fit.x, fit.y, fit.zoom]);
  expect(await pixels()).toBe(fromOutline);
  await expect(minimap).toHaveAttribute('data-nodes', String(COUNT));
  expect(await pixels(minimap)).toBe(minimapFromOutline);
  // …and that picture is a drawn plan, not an empty frame: an empty minimap differs.
  await page.evaluate(() => {
    const c = document.querySelector('.lg-minimap__canvas') as HTMLCanvasElement;
    c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
  });
  expect(await pixels(minimap)).not.toBe(minimapFromOutline);
  // The same search now finds the node.
  await search.fill(target.display_id);
  await expect(page.getByTestId('search-count')).toHaveText(/^\d+ match(es)?$/);
  await expect(
    page.getByRole('option').filter({ hasText: target.display_id }).first(),
  ).toBeVisible();
});

test('[U5] the links come with the cards: a zoom to cards right after the plan opens shows every link between them', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto(serve.url);
  const layer = page.getByRole('img', { name: 'Plan overview' });
  await expect(layer).toHaveAttribute('data-nodes', String(COUNT), { timeout: 20_000 });
  // Right after it opens, the links other than the blocking ones are still being made, a
  // slice at a time while the page is idle (use-synced-list.ts); zooming to cards makes them at
  // once. Counted once the cards have come (the same cards for five frames): every link
  // between two mounted cards, and whether any is still to be made.
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  const first = await page.evaluate(
    () =>
      new Promise<{ cards: string[]; edges: number; links: string | undefined }>((resolve) => {
        let last = '';
        let same = 0;
        const frame = () => {
          const cards = [...document.querySelectorAll('.react-flow__node')].map(
            (n) => n.getAttribute('data-id') ?? '',
          );
          const key = cards.join();
          same = cards.length >= 10 && key === last ? same + 1 : 0;
          last = key;
          if (same < 5) return void requestAnimationFrame(frame);
          const flow = document.querySelector('.react-flow') as HTMLElement;
          const edges = document.querySelectorAll('.react-flow__edge').length;
          resolve({ cards, edges, links: flow.dataset.links });
        };
        requestAnimationFrame(frame);
      }),
  );
  expect(first.links).toBe('complete');
  await page.screenshot({ path: 'test-results/overview-100k-links-with-cards.png' });
  // The plan's links between the mounted cards (laid-out-plan: a row's neighbours, most of them
  // "is related to", which do not block): as many drawn then as once the page has long settled.
  const mounted = new Set(first.cards);
  const view = await api<{ value: { links: { source: string; target: string }[] } }>(
    serve,
    'POST',
    '/rpc/graph.get',
    {},
  );
  const between = view.value.links.filter((l) => mounted.has(l.source) && mounted.has(l.target));
  expect(between.length).toBeGreaterThan(5);
  expect(first.edges).toBeGreaterThan(between.length / 2);
  await page.waitForTimeout(3000);
  expect(await page.locator('.react-flow__edge').count()).toBe(first.edges);
});
