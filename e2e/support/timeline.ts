/**
 * The timeline specs' plan and helpers: the starter plan on a calendar (Monday 4 March 2030,
 * Monday–Friday), with the starter chain made a diamond and estimates and a due date set, and
 * the page's timeline bars, panels and boxes.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { NodeRecord } from '../../shared/model/types';
import { api, graph } from './api';
import { docShotPath } from './doc-shots';
import { startServe, type ServeHandle } from './serve-process';

/** A Monday; Monday–Friday working days. */
export const PLAN_START = '2030-03-04';
/** Pixels per day at the timeline's first zoom. */
export const DAY = 24;

export const rpcOn = <T>(serve: ServeHandle, method: string, params?: unknown) =>
  api<{ value: T }>(serve, 'POST', `/rpc/${method}`, params).then((r) => r.value);
export const storedOn = async (serve: ServeHandle, id: string) =>
  (await graph(serve)).nodes.find((n) => n.id === id) as NodeRecord;
export const historyCountOn = async (serve: ServeHandle) =>
  (await api<{ items: unknown[] }>(serve, 'GET', '/api/history?limit=500')).items.length;
export const nodePanel = (page: Page) => page.getByRole('complementary', { name: 'Node details' });
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
 * A server with the starter plan scheduled: Design → API → Editor and the guide beside the
 * API (a diamond), estimates 2 / 3 / 1 / 1, and the editor due a day before it can finish.
 */
export async function startTimelinePlan(): Promise<{
  serve: ServeHandle;
  byTitle: Record<string, NodeRecord>;
}> {
  const serve = await startServe();
  const byTitle = Object.fromEntries((await graph(serve)).nodes.map((n) => [n.title, n]));
  const named = (title: string) => byTitle[title] as NodeRecord;
  const rpc = (method: string, params?: unknown) => rpcOn(serve, method, params);
  await rpc('calendar.set', { plan_start: PLAN_START });
  const set = (title: string, fields: Record<string, unknown>) =>
    rpc('node.update', { id: named(title).id, ...fields });
  await rpc('link.create', {
    source: named('Design the schema').id,
    target: named('Write the guide').id,
  });
  await rpc('link.create', {
    source: named('Write the guide').id,
    target: named('Ship the editor').id,
  });
  await set('Design the schema', { estimate: 2 });
  await set('Build the API', { estimate: 3 });
  await set('Write the guide', { estimate: 1 });
  // Design 2 + API 3 + Editor 1 finishes Mon 11 Mar: due Fri 8 Mar is a day late.
  await set('Ship the editor', { estimate: 1, due_date: '2030-03-08' });
  return { serve, byTitle };
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
