/**
 * Auto-layout end to end (issue 14 item 5, SPEC [U5]), in Chromium against headless serve: a
 * 300-node plan made through the API, laid out top→down in the layout worker; what the
 * server stored (blockers above what they block, fewer crossings than before), one undo step,
 * layout of a selection only, and the page answering while the layout runs.
 */
import { expect, test, type Page } from '@playwright/test';
import type { NodeRecord } from '../shared/model/types';
import { planShape } from '../shared/test-support/plan-shape';
import { seededRandom } from '../shared/test-support/seeded-random';
import { CARD } from '../shared/ui-constants';
import { countCrossings, straightLinks } from '../renderer/layout/layout-metrics';
import { api, createLink, createNode, graph } from './support/api';
import { nodeCard } from './support/canvas';
import { docShotPath } from './support/doc-shots';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;
test.beforeEach(async () => {
  serve = await startServe();
});
test.afterEach(async () => {
  await serve.stop();
});

const rpc = <T>(method: string, params: unknown) =>
  api<{ value: T }>(serve, 'POST', `/rpc/${method}`, params).then((r) => r.value);

/**
 * 300 nodes as a new user drops them: on a grid, in no particular order; links as a real
 * plan has them (shared/test-support/plan-shape.ts). Answers the plan's links, blocker first.
 */
async function makePlan(n: number): Promise<{ blocker: string; blocked: string }[]> {
  const shape = planShape(n);
  const epics = new Set(shape.epics);
  const rnd = seededRandom(3);
  const slots = Array.from({ length: n }, (_, i) => i).sort(() => rnd() - 0.5);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const slot = slots[i]!;
    const batch = await rpc<{ nodes: { after: NodeRecord }[] }>('node.create', {
      title: `${epics.has(i) ? 'Epic' : 'Task'} ${i}`,
      kind: epics.has(i) ? 'feature' : 'task',
      position: { x: 1200 + (slot % 20) * 260, y: Math.floor(slot / 20) * 140 },
    });
    ids.push(batch.nodes[0]!.after.id);
  }
  const ends: { blocker: string; blocked: string }[] = [];
  for (const l of shape.links) {
    const source = ids[l.source]!;
    const target = ids[l.target]!;
    await rpc(
      'link.create',
      l.hierarchy ? { source, target, link_type: 'is_parent_of' } : { source, target },
    );
    // [L2] a child blocks its parent; a plain link's source blocks its target.
    ends.push(
      l.hierarchy ? { blocker: target, blocked: source } : { blocker: source, blocked: target },
    );
  }
  return ends;
}

const positions = async () =>
  Object.fromEntries((await graph(serve)).nodes.map((n) => [n.id, n.position]));

const SIZE = { width: CARD.width, height: CARD.height, handleY: CARD.height / 2 };

/** The zoom React Flow shows at (the viewport's scale). */
const zoom = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);

test('[U5] a 300-node plan laid out top→down in a worker: blockers above, fewer crossings, readable zoom, one undo', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const ends = await makePlan(300);
  const edges = ends.map((e) => ({ source: e.blocker, target: e.blocked }));
  const before = await positions();
  const crossingsBefore = countCrossings(straightLinks(before, edges, SIZE, 'TB'));

  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  await page.getByLabel('Layout direction').selectOption('TB');
  await page.getByRole('button', { name: 'Auto-layout' }).click();

  // While ELK works, the page answers: a frame is drawn and the search box takes text while
  // the button still says the layout is running (it runs in the worker).
  const busy = page.getByRole('button', { name: 'Laying out…' });
  await expect(busy).toBeVisible();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  await page.getByLabel('Search nodes').fill('Task 1');
  await expect(busy).toBeVisible();
  expect(workers.some((url) => /layout\.worker/.test(url))).toBe(true);
  await page.getByLabel('Search nodes').fill('');

  await expect(page.getByRole('button', { name: 'Auto-layout' })).toBeEnabled({ timeout: 120_000 });
  await expect.poll(positions).not.toEqual(before);
  const after = await positions();
  // What the server stored: every blocker above what it blocks.
  const wrong = ends.filter((e) => !(after[e.blocker]!.y < after[e.blocked]!.y));
  expect(wrong).toEqual([]);
  const crossingsAfter = countCrossings(straightLinks(after, edges, SIZE, 'TB'));
  expect(crossingsAfter).toBeLessThan(crossingsBefore / 2);
  test.info().annotations.push({
    type: 'crossings',
    description: `${crossingsBefore} before, ${crossingsAfter} after`,
  });
  // One change in the history for every move.
  const history = await api<{ items: { summary: string }[] }>(serve, 'GET', '/api/history?limit=1');
  expect(history.items[0]?.summary).toMatch(/^\d+ nodes moved$/);
  // The view lands where cards can be read, not on dust.
  await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(0.5);
  // Links are drawn along the layout's orthogonal routes (straight pieces, rounded bends).
  await expect(page.locator('.react-flow__edge-path[d*=" Q "]').first()).toBeAttached();
  await page.screenshot({ path: docShotPath('layout-300-top-down-light') });

  // The whole plan, fitted on request, for a look at the overall shape.
  await page.getByRole('button', { name: 'Fit the whole plan' }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/layout-300-whole.png' });

  // One Ctrl+Z puts every node back where it was.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect.poll(positions).toEqual(before);

  // Left→right (the choice is kept as a preference): every blocker left of what it blocks.
  await page.getByLabel('Layout direction').selectOption('LR');
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(positions, { timeout: 120_000 }).not.toEqual(before);
  const lr = await positions();
  expect(ends.filter((e) => !(lr[e.blocker]!.x < lr[e.blocked]!.x))).toEqual([]);
  const prefs = await rpc<{ layoutDirection: string }>('preferences.get', {});
  expect(prefs.layoutDirection).toBe('LR');
  await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(0.5);
  await page.waitForTimeout(400);
  await page.screenshot({ path: docShotPath('layout-300-left-right-light') });
});

test('[U5] laying out a selection left→right moves only the selected nodes, where they were', async ({
  page,
}) => {
  // Five nodes of their own in a jumbled column, below the starter plan, in a chain.
  const five: NodeRecord[] = [];
  for (let i = 0; i < 5; i++)
    five.push(await createNode(serve, `Step ${i}`, 'task', { x: 600 - i * 90, y: 420 + i * 40 }));
  for (let i = 1; i < 5; i++)
    await createLink(serve, { source: five[i - 1]!.id, target: five[i]!.id });
  const before = await positions();
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
  await page.getByLabel('Layout direction').selectOption('LR');
  for (const [k, node] of five.entries())
    await nodeCard(page, node.id).click({ modifiers: k === 0 ? [] : ['Shift'], force: true });
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('5 nodes');
  await page.getByRole('button', { name: 'Lay out selection' }).click();

  const ids = new Set(five.map((n) => n.id));
  await expect
    .poll(async () => {
      const now = await positions();
      return five.some((n) => now[n.id]!.x !== before[n.id]!.x || now[n.id]!.y !== before[n.id]!.y);
    })
    .toBe(true);
  const after = await positions();
  // Only the selected nodes moved.
  for (const [id, p] of Object.entries(before)) if (!ids.has(id)) expect(after[id]).toEqual(p);
  // Left→right: each step left of the next; the chain starts where the selection's corner was.
  for (let i = 1; i < 5; i++) expect(after[five[i - 1]!.id]!.x).toBeLessThan(after[five[i]!.id]!.x);
  const corner = (ps: { x: number; y: number }[]) => ({
    x: Math.min(...ps.map((p) => p.x)),
    y: Math.min(...ps.map((p) => p.y)),
  });
  expect(corner(five.map((n) => after[n.id]!))).toEqual(corner(five.map((n) => before[n.id]!)));
  await page.screenshot({ path: 'test-results/layout-selection.png' });
});
