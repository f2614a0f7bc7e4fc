/**
 * The timeline specs' plan and helpers: the starter plan on a calendar (Monday 4 March 2030,
 * Monday–Friday), with the starter chain made a diamond and estimates and a due date set, and
 * the page's timeline bars and boxes.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { api } from './api';
import { docShotPath } from './doc-shots';
import type { ServeHandle } from './serve-process';
import { starterPlanPerTest, type StarterPlan } from './starter-plan';

/** A Monday; Monday–Friday working days. */
export const PLAN_START = '2030-03-04';
/** Pixels per day at the timeline's first zoom. */
export const DAY = 24;

export const rpcOn = <T>(serve: ServeHandle, method: string, params?: unknown) =>
  api<{ value: T }>(serve, 'POST', `/rpc/${method}`, params).then((r) => r.value);
export const bar = (page: Page, id: string) => page.locator(`.lg-tl-bar[data-node="${id}"]`);

export async function box(
  locator: Locator,
): Promise<{ x: number; y: number; w: number; h: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return { x: b.x, y: b.y, w: b.width, h: b.height };
}
export const left = async (locator: Locator) => (await box(locator)).x;

/**
 * A fresh serve per test with the starter plan scheduled: Design → API → Editor and the guide
 * beside the API (a diamond), estimates 2 / 3 / 1 / 1, and the editor due a day before it can
 * finish.
 */
export function scheduledStarterPlanPerTest(): StarterPlan {
  const plan = starterPlanPerTest();
  test.beforeEach(async () => {
    const rpc = (method: string, params?: unknown) => rpcOn(plan.serve, method, params);
    const id = (title: string) => plan.named(title).id;
    await rpc('calendar.set', { plan_start: PLAN_START });
    await rpc('link.create', { source: id('Design the schema'), target: id('Write the guide') });
    await rpc('link.create', { source: id('Write the guide'), target: id('Ship the editor') });
    await rpc('node.update', { id: id('Design the schema'), estimate: 2 });
    await rpc('node.update', { id: id('Build the API'), estimate: 3 });
    await rpc('node.update', { id: id('Write the guide'), estimate: 1 });
    // Design 2 + API 3 + Editor 1 finishes Mon 11 Mar: due Fri 8 Mar is a day late.
    await rpc('node.update', { id: id('Ship the editor'), estimate: 1, due_date: '2030-03-08' });
  });
  return plan;
}

/** The starter plan's four bars on the timeline, the canvas gone. */
export async function openTimeline(page: Page, serve: ServeHandle): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  const toggle = page.getByRole('button', { name: 'Timeline', exact: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.react-flow')).toHaveCount(0);
  await expect(page.locator('.lg-tl-bar')).toHaveCount(4);
}

/** Documentation screenshots in light and dark (docs/screens with LINKGRAPH_DOC_SHOTS=1). */
export async function shots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: docShotPath(`${name}-light`) });
  await page.getByRole('button', { name: 'Use dark theme' }).click();
  await page.screenshot({ path: docShotPath(`${name}-dark`) });
  await page.getByRole('button', { name: 'Use light theme' }).click();
}
