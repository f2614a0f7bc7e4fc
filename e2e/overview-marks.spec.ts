/**
 * [U5] At overview zoom the plan is drawn by the non-DOM layer (renderer/canvas/overview); what
 * the cards show must show there too (issue 16): a cascade's flash when another client completes
 * a blocker, and search hits. Checked in the layer's own pixels, at the nodes' places, with no
 * card mounted.
 */
import { expect, test, type Page } from '@playwright/test';
import type { LinkRecord, NodeRecord } from '../shared/model/types';
import { exportNativeJson } from '../shared/exchange/index';
import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { api, openImportedPlan } from './support/api';
import { startServe, type ServeHandle } from './support/serve-process';

const COUNT = 5_000;
const CARD = { width: 227, height: 67 };

let serve: ServeHandle;

test.beforeAll(async () => {
  serve = await startServe();
  await openImportedPlan(serve, exportNativeJson(laidOutPlan(COUNT)), 'Five thousand');
});
test.afterAll(async () => {
  await serve?.stop();
});

async function graph() {
  const view = await api<{ value: { nodes: NodeRecord[]; links: LinkRecord[] } }>(
    serve,
    'POST',
    '/rpc/graph.get',
    {},
  );
  return view.value;
}

type Rgb = [number, number, number];

/**
 * How many of the layer's pixels around a node's box (the box and a 10 px margin, where its
 * rings are drawn) are near `colour`. The layer covers the pane; its pixels are device pixels.
 */
async function pixelsNear(page: Page, node: NodeRecord, colour: Rgb, tolerance = 28) {
  const [x, y, zoom] = await page.locator('.react-flow__viewport').evaluate((el) => {
    const m = new DOMMatrix(getComputedStyle(el).transform);
    return [m.e, m.f, m.a] as [number, number, number];
  });
  const box = {
    minX: x + node.position.x * zoom - 10,
    minY: y + node.position.y * zoom - 10,
    maxX: x + (node.position.x + CARD.width) * zoom + 10,
    maxY: y + (node.position.y + CARD.height) * zoom + 10,
  };
  return page.locator('canvas.lg-overview').evaluate(
    (el, { box, colour, tolerance }) => {
      const canvas = el as HTMLCanvasElement;
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      const x0 = Math.max(0, Math.floor(box.minX * scale));
      const y0 = Math.max(0, Math.floor(box.minY * scale));
      const w = Math.min(canvas.width, Math.ceil(box.maxX * scale)) - x0;
      const h = Math.min(canvas.height, Math.ceil(box.maxY * scale)) - y0;
      if (w <= 0 || h <= 0) return -1;
      const { data } = canvas.getContext('2d')!.getImageData(x0, y0, w, h);
      let near = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (
          Math.abs(data[i]! - colour[0]) <= tolerance &&
          Math.abs(data[i + 1]! - colour[1]) <= tolerance &&
          Math.abs(data[i + 2]! - colour[2]) <= tolerance
        )
          near++;
      }
      return near;
    },
    { box, colour, tolerance },
  );
}

// The layer's mark colours (OverviewLayer's `overviewColours`): the flash ring is
// rgba(242, 201, 76, 0.9) over the page, a search hit's ring #f59f00.
const FLASH: Rgb = [242, 203, 90];
const MATCH: Rgb = [245, 159, 0];

test('[U5][N2] at overview zoom, a cascade another client causes flashes in the layer, and search hits are ringed there', async ({
  page,
}) => {
  const { nodes, links } = await graph();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const blocking = links.filter((l) => l.type === 0);
  // A Blocked node whose one blocker is open: completing the blocker releases it.
  const released = blocking.find((l) => {
    const target = byId.get(l.target);
    const source = byId.get(l.source);
    return (
      target?.status === 2 &&
      source !== undefined &&
      source.status !== 3 &&
      blocking.filter((b) => b.target === l.target).length === 1
    );
  });
  if (!released) throw new Error('the plan has no node with exactly one open blocker');
  const blocker = byId.get(released.source)!;
  const dependent = byId.get(released.target)!;
  const bystander = nodes[COUNT - 1]!;

  await page.goto(serve.url);
  const layer = page.locator('canvas.lg-overview');
  await expect(layer).toHaveAttribute('data-active', 'true', { timeout: 20_000 });
  await expect(layer).toHaveAttribute('data-nodes', String(COUNT));
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  // Nothing flashes yet.
  expect(await pixelsNear(page, dependent, FLASH)).toBe(0);

  // Another client completes the blocker: the dependent is released, and it flashes here.
  const answer = await api<{ ok: boolean }>(serve, 'POST', '/rpc/node.update', {
    id: blocker.id,
    status: 3,
  });
  expect(answer.ok).toBe(true);
  await expect
    .poll(() => pixelsNear(page, dependent, FLASH), { timeout: 1_500 })
    .toBeGreaterThan(8);
  expect(await pixelsNear(page, bystander, FLASH)).toBe(0);
  await page.screenshot({ path: 'test-results/overview-marks-flash.png' });
  expect(byId.get(dependent.id)?.status).toBe(2);
  expect((await graph()).nodes.find((n) => n.id === dependent.id)?.status).not.toBe(2);
  // The flash ends.
  await expect.poll(() => pixelsNear(page, dependent, FLASH), { timeout: 5_000 }).toBe(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // A search at overview zoom: the hit is ringed in the layer, other nodes are not.
  const hit = nodes[4_321]!;
  expect(await pixelsNear(page, hit, MATCH, 20)).toBe(0);
  await page.getByLabel('Search nodes').fill(`${hit.title.split(':')[0]}:`);
  await expect(page.getByTestId('search-count')).toHaveText('1 match');
  await expect.poll(() => pixelsNear(page, hit, MATCH, 20)).toBeGreaterThan(8);
  expect(await pixelsNear(page, nodes[1_234]!, MATCH, 20)).toBe(0);
  await page.screenshot({ path: 'test-results/overview-marks-search.png' });
});
