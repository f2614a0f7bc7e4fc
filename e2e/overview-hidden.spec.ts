/**
 * [U5] Changes made while cards are shown (zoom 1) reach the overview layer, which is hidden
 * then: it applies the lists that came, in order, when the page is idle or when it is about to
 * draw (OverviewLayer's held lists; docs/canvas-performance.md, "A removal at zoom 1"), so
 * zooming back out shows the plan as it is now, patched rather than rebuilt.
 */
import { expect, test } from '@playwright/test';
import type { NodeRecord } from '../shared/model/types';
import { exportNativeJson } from '../shared/exchange/index';
import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { api, openImportedPlan } from './support/api';
import { startServe, type ServeHandle } from './support/serve-process';

const COUNT = 5_000;

let serve: ServeHandle;

test.beforeAll(async () => {
  serve = await startServe();
  await openImportedPlan(serve, exportNativeJson(laidOutPlan(COUNT)), 'Five thousand');
});
test.afterAll(async () => {
  await serve?.stop();
});

async function activeNodes(): Promise<NodeRecord[]> {
  const view = await api<{ value: { nodes: NodeRecord[] } }>(serve, 'POST', '/rpc/graph.get', {});
  return view.value.nodes.filter((n) => !n.in_trash);
}

test('[U5] nodes trashed by another client at zoom 1 are gone from the overview when zooming out', async ({
  page,
}) => {
  const nodes = await activeNodes();
  await page.goto(serve.url);
  const layer = page.locator('canvas.lg-overview');
  await expect(layer).toHaveAttribute('data-active', 'true', { timeout: 20_000 });
  await expect(layer).toHaveAttribute('data-nodes', String(COUNT));

  // Cards at 100% (around the plan's middle): the layer is hidden.
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await expect(layer).toHaveAttribute('data-active', 'false');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();

  // Another client trashes three nodes from the middle rows, one batch after another.
  const victims = [0, 1, 2].map((k) => nodes[Math.floor(COUNT / 2) + 7 + 13 * k]!);
  for (const victim of victims) {
    const answer = await api<{ ok: boolean }>(serve, 'POST', '/rpc/node.trash', {
      id: victim.id,
    });
    expect(answer.ok).toBe(true);
  }
  for (const victim of victims)
    await expect(page.locator(`.react-flow__node[data-id="${victim.id}"]`)).toHaveCount(0);
  expect(await activeNodes()).toHaveLength(COUNT - 3);

  // Back to fit-all: the layer draws the plan without them, from a patched index.
  await page.getByRole('button', { name: 'Fit the whole plan' }).click();
  await expect(layer).toHaveAttribute('data-active', 'true');
  await expect(layer).toHaveAttribute('data-nodes', String(COUNT - 3));
  await expect(layer).toHaveAttribute('data-update', 'patch');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
});
