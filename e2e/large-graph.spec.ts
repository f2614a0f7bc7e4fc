/**
 * A large workspace in the real editor: the canvas mounts only what is on screen (viewport
 * virtualisation), and panning brings other nodes in. Speed itself is measured in
 * `npm run bench -- canvas`, not here.
 */
import { expect, test } from '@playwright/test';
import { api } from './support/api';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;
test.beforeAll(async () => {
  serve = await startServe();
  const columns = 40;
  for (let i = 0; i < 1000; i++) {
    const position = { x: (i % columns) * 260, y: Math.floor(i / columns) * 140 };
    // Through the editor's own channel (the SynapTask REST API is rate-limited to 300 a minute).
    await api(serve, 'POST', '/rpc/node.create', { title: `Bulk ${i}`, position });
  }
});
test.afterAll(async () => {
  await serve.stop();
});

test('[U5] 1,000 nodes: only the visible part is mounted, and panning brings the rest in', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto(serve.url);
  const mounted = page.locator('.react-flow__node');
  await expect(mounted.first()).toBeVisible();
  const count = await mounted.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(400);

  const before = new Set(
    await mounted.evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))),
  );
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  // Pan far to the left (drag the empty canvas right-to-left, several times).
  for (let i = 0; i < 4; i++) {
    await page.mouse.move(pane.x + pane.width - 40, pane.y + pane.height / 2);
    await page.mouse.down();
    await page.mouse.move(pane.x + 40, pane.y + pane.height / 2, { steps: 10 });
    await page.mouse.up();
  }
  await expect
    .poll(async () => {
      const after = await mounted.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      return after.filter((id) => !before.has(id)).length;
    })
    .toBeGreaterThan(20);
  await page.screenshot({ path: 'test-results/large-graph.png' });
});

test('[U5] zoomed out, a large graph draws a simpler look (no text, no labels), and back', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto(serve.url);
  const flow = page.locator('.react-flow');
  const title = page.locator('.react-flow__node .lg-node__title').first();
  await expect(title).toBeVisible();
  const zoom = async () =>
    page
      .locator('.react-flow__viewport')
      .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  const step = async (name: RegExp, until: (z: number) => boolean) => {
    for (let i = 0; i < 20 && !until(await zoom()); i++) {
      await page.getByRole('button', { name }).click();
      await page.waitForTimeout(50);
    }
    expect(until(await zoom())).toBe(true);
  };
  await step(/zoom in/i, (z) => z >= 0.8);
  await expect(flow).toHaveAttribute('data-lod', 'near');
  await expect(title).toBeVisible();

  await step(/zoom out/i, (z) => z < 0.75 && z >= 0.45);
  await expect(flow).toHaveAttribute('data-lod', 'far');
  await expect(page.locator('.react-flow__node .lg-node__title').first()).toBeVisible();
  await expect(page.locator('.react-flow__node .lg-node__status').first()).toBeHidden();

  await step(/zoom out/i, (z) => z < 0.45);
  await expect(flow).toHaveAttribute('data-lod', 'overview');
  await expect(page.locator('.react-flow__node .lg-node__title').first()).toBeHidden();
  // The cards keep their size: the simpler look hides, it does not reflow.
  const box = await page
    .locator('.react-flow__node')
    .first()
    .evaluate((el) => (el as HTMLElement).offsetWidth);
  expect(box).toBeGreaterThan(100);
  await page.screenshot({ path: 'test-results/large-graph-overview.png' });

  await step(/zoom in/i, (z) => z >= 0.75);
  await expect(flow).toHaveAttribute('data-lod', 'near');
  await expect(page.locator('.react-flow__node .lg-node__title').first()).toBeVisible();
});
