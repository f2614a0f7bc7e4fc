/**
 * The timeline view of large plans (issue 15, [PL4]) in Chromium against the real headless
 * server: only the rows and arrows in view are in the DOM, and a node picked on the timeline
 * is centred on the canvas when the person goes back, even one the fitted canvas had not
 * mounted.
 */
import { expect, test } from '@playwright/test';
import type { ScheduleView } from '../shared/engine/plan/plan-queries';
import { exportNativeJson } from '../shared/exchange/index';
import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { graph, openImportedPlan } from './support/api';
import { nodeCard } from './support/canvas';
import { bar, box, rpcOn, scheduledStarterPlanPerTest } from './support/timeline';
import { nodePanel } from './support/starter-plan';

const plan = scheduledStarterPlanPerTest();
const { named, stored } = plan;
const rpc = <T>(method: string, params?: unknown) => rpcOn<T>(plan.serve, method, params);

test('[PL4] a plan of 10,240 open nodes: only the rows and arrows in view are in the DOM; scrolling and the keyboard reach the last row', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Five chained nodes, doubled eleven times (each copy keeps its links and fields).
  const release = await rpc<{ nodes: { after: { id: string } }[] }>('node.create', {
    title: 'Release',
    position: { x: 900, y: 0 },
    estimate: 1,
  });
  await rpc('link.create', {
    source: named('Ship the editor').id,
    target: release.nodes[0]?.after.id,
  });
  for (let k = 0; k < 11; k++) {
    const ids = (await graph(plan.serve)).nodes.map((n) => n.id);
    await rpc('nodes.duplicate', { ids, offset: { x: 40 * (k + 1), y: 160 * (k + 1) } });
  }
  const schedule = await rpc<ScheduleView>('plan.schedule');
  expect(schedule.nodes).toHaveLength(10_240);

  await page.goto(plan.serve.url);
  // A large plan opens fitted, drawn by the overview layer (no cards mounted) or as cards.
  await expect(
    page.locator('.react-flow__node, canvas.lg-overview[data-active="true"]').first(),
  ).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'Timeline controls' })).toContainText(
    '10,240 open nodes',
    { timeout: 30_000 },
  );
  const bars = page.locator('.lg-tl-bar');
  const inDom = async () => bars.count();
  expect(await inDom()).toBeGreaterThan(10);
  expect(await inDom()).toBeLessThan(60);
  expect(await page.locator('path.lg-tl-arrow').count()).toBeLessThan(120);
  const first = schedule.nodes[0]?.id ?? '';
  const last = schedule.nodes.at(-1)?.id ?? '';
  await expect(bar(page, first)).toBeVisible();
  await expect(bar(page, last)).toHaveCount(0);

  // Scrolled to the bottom: the last rows come in, the first go.
  await page.locator('.lg-tl__scroller').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(bar(page, last)).toBeVisible();
  await expect(bar(page, first)).toHaveCount(0);
  expect(await inDom()).toBeLessThan(60);
  await page.getByRole('button', { name: 'Zoom out the timeline' }).click();
  await page.screenshot({ path: 'test-results/timeline-10240-bottom.png' });

  // Home from the keyboard: back to the first row, focused.
  await bar(page, last).focus();
  await page.keyboard.press('Home');
  await expect(bar(page, first)).toBeFocused();
  await expect(bar(page, last)).toHaveCount(0);

  // A node picked elsewhere (What's next) while the view is at the bottom: its row comes in,
  // selected.
  await page.locator('.lg-tl__scroller').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(bar(page, last)).toBeVisible();
  await page.getByRole('button', { name: 'What’s next' }).click();
  const item = page.locator('.lg-next__list li').nth(3);
  const picked = (await item.getAttribute('data-node')) ?? '';
  expect(schedule.nodes.findIndex((n) => n.id === picked)).toBeLessThan(10_000);
  await item.getByRole('button').click();
  await expect(bar(page, picked)).toBeVisible();
  await expect(bar(page, picked)).toHaveAttribute('aria-pressed', 'true');
  await expect(bar(page, last)).toHaveCount(0);
});

test('[PL4] back from the timeline, the canvas centres on the node selected there, even one a large plan had off screen', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // A laid-out plan of 1,000 open nodes: it opens fitted, drawn by the overview layer, with no
  // card mounted.
  const laidOut = laidOutPlan(1000);
  const file = exportNativeJson({
    ...laidOut,
    nodes: laidOut.nodes.map((n, i) => ({ ...n, status: 0 as const, estimate: 1 + (i % 3) })),
  });
  await openImportedPlan(plan.serve, file);
  const schedule = await rpc<ScheduleView>('plan.schedule');
  expect(schedule.nodes).toHaveLength(1000);

  await page.goto(plan.serve.url);
  await expect(page.locator('canvas.lg-overview[data-active="true"]')).toHaveCount(1, {
    timeout: 60_000,
  });
  // The last row: far down the timeline, and not a card on the fitted canvas.
  const picked = schedule.nodes.at(-1)?.id ?? '';
  await expect(nodeCard(page, picked)).toHaveCount(0);
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'Timeline controls' })).toContainText(
    '1,000 open nodes',
  );
  await page.locator('.lg-tl__scroller').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await bar(page, picked).click();
  await expect(bar(page, picked)).toHaveAttribute('aria-pressed', 'true');

  // Back to the canvas: the card is mounted, selected, and in the middle of the pane.
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  const card = nodeCard(page, picked);
  await expect(card).toBeInViewport();
  await expect(card).toHaveClass(/selected/);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  await expect(nodePanel(page).getByRole('heading', { level: 2 })).toHaveText(
    (await stored(picked)).display_id,
  );
  const pane = await box(page.locator('.react-flow__pane'));
  const at = await box(card);
  expect(Math.abs(at.x + at.w / 2 - (pane.x + pane.w / 2))).toBeLessThan(40);
  expect(Math.abs(at.y + at.h / 2 - (pane.y + pane.h / 2))).toBeLessThan(40);
});
