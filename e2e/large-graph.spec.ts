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
