/**
 * Issue 13, items 4 and 7, as a person does them: new nodes of the chosen kind land in free
 * space; several nodes selected with a shift-drag marquee or shift-clicks are changed, moved,
 * tagged, copied, pasted, duplicated and deleted as ONE change each (one undo step).
 */
import { expect, test, type Page } from '@playwright/test';
import { CARD_HEIGHT, CARD_WIDTH } from '../renderer/exchange/graph-svg';
import type { NodeRecord } from '../shared/model/types';
import { api, createLink, createNode, graph } from './support/api';
import { drag, nodeCard } from './support/canvas';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;

test.beforeEach(async () => {
  serve = await startServe();
});
test.afterEach(async () => {
  await serve.stop();
});

async function open(page: Page): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
}
type HistoryItem = { summary: string };
const history = async () =>
  (await api<{ items: HistoryItem[] }>(serve, 'GET', '/api/history?limit=50')).items;
const overlap = (a: NodeRecord, b: NodeRecord) =>
  a.position.x < b.position.x + CARD_WIDTH &&
  b.position.x < a.position.x + CARD_WIDTH &&
  a.position.y < b.position.y + CARD_HEIGHT &&
  b.position.y < a.position.y + CARD_HEIGHT;

test('[U1] Add node and double-click place new nodes of the chosen kind in free space, never stacked', async ({
  page,
}) => {
  await open(page);
  await page.getByLabel('New node kind').selectOption('issue');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Add node' }).click();
  await expect.poll(async () => (await graph(serve)).nodes.length).toBe(7);
  // Double-click twice at the same spot of the canvas.
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  await page.locator('.lg-panel__header button').first().click(); // close the details
  await page.mouse.dblclick(pane.x + 160, pane.y + pane.height - 160);
  await expect.poll(async () => (await graph(serve)).nodes.length).toBe(8);
  // Then just under the card it made: the new one goes beside it, not onto it.
  const first = await page.locator('.react-flow__node.selected').boundingBox();
  if (!first) throw new Error('the new node is not selected');
  await page.mouse.dblclick(first.x + first.width / 2, first.y + first.height + 8);
  await expect.poll(async () => (await graph(serve)).nodes.length).toBe(9);
  const nodes = (await graph(serve)).nodes;
  const added = nodes.filter((n) => n.title === 'New issue');
  expect(added).toHaveLength(5);
  expect(added.every((n) => n.kind === 'issue')).toBe(true);
  for (const a of nodes)
    for (const b of nodes)
      if (a !== b) expect(overlap(a, b), `${a.title} / ${b.title}`).toBe(false);
  await expect(page.locator('.react-flow__node')).toHaveCount(9);
  await page.screenshot({ path: 'test-results/selection-added-nodes.png' });
});

test('[H1][H2] a marquee selection: status, kind, tag, move and delete are one change and one undo each', async ({
  page,
}) => {
  // Three nodes of their own, below the starter plan, two of them linked.
  const trio: NodeRecord[] = [];
  for (let i = 0; i < 3; i++)
    trio.push(await createNode(serve, `Batch ${i}`, 'task', { x: i * 300, y: 420 }));
  const [a, b, c] = trio as [NodeRecord, NodeRecord, NodeRecord];
  await createLink(serve, { source: a.id, target: b.id, type: 1 });
  await open(page);
  const ids = new Set(trio.map((n) => n.id));
  const mine = async () => (await graph(serve)).nodes.filter((n) => ids.has(n.id));

  // Shift-drag a marquee around the three cards.
  const boxes = await Promise.all(trio.map((n) => nodeCard(page, n.id).boundingBox()));
  const left = Math.min(...boxes.map((x) => x?.x ?? 0)) - 20;
  const top = Math.min(...boxes.map((x) => x?.y ?? 0)) - 20;
  const right = Math.max(...boxes.map((x) => (x?.x ?? 0) + (x?.width ?? 0))) + 20;
  const bottom = Math.max(...boxes.map((x) => (x?.y ?? 0) + (x?.height ?? 0))) + 20;
  await page.keyboard.down('Shift');
  await drag(page, { x: left, y: top }, { x: right, y: bottom });
  await page.keyboard.up('Shift');
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(bar).toContainText('3 nodes and 1 link selected');

  await bar.getByLabel('Set status of selected').selectOption('1');
  await expect.poll(async () => (await mine()).map((n) => n.status)).toEqual([1, 1, 1]);
  await bar.getByLabel('Set kind of selected').selectOption('issue');
  await expect
    .poll(async () => (await mine()).map((n) => n.kind))
    .toEqual(['issue', 'issue', 'issue']);
  await bar.getByLabel('Tag to add to selected').fill('release');
  await bar.getByRole('button', { name: 'Add tag' }).click();
  await expect.poll(async () => (await mine()).every((n) => n.tags.includes('release'))).toBe(true);
  await page.screenshot({ path: 'test-results/selection-bar.png' });

  // Move: drag one of the selected cards; all three move in one change.
  const start = await nodeCard(page, c.id).boundingBox();
  if (!start) throw new Error('no card');
  await drag(page, { x: start.x + 60, y: start.y + 30 }, { x: start.x + 60, y: start.y + 130 });
  await expect
    .poll(async () => (await mine()).map((n) => n.position.y > 420))
    .toEqual([true, true, true]);
  expect((await history())[0]?.summary).toBe('3 nodes moved');

  // Each was one step: one undo takes the move back, one more the tag, for all three.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await mine()).map((n) => n.position.y)).toEqual([420, 420, 420]);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await mine()).some((n) => n.tags.includes('release'))).toBe(false);
  expect((await mine()).map((n) => n.kind)).toEqual(['issue', 'issue', 'issue']);

  // Delete the selection: one change (the link goes with its nodes), one undo brings all back.
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await mine()).length).toBe(0);
  const trashed = await history();
  expect(trashed[0]?.summary).toMatch(/trashed/);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await mine()).length).toBe(3);
  expect((await graph(serve)).links.some((l) => l.source === a.id && l.target === b.id)).toBe(true);
});

test('[H1] shift-click selects several; Ctrl+C / Ctrl+V and Ctrl+D copy nodes with the links among them', async ({
  page,
}) => {
  const x = await createNode(serve, 'Copy me', 'task', { x: 0, y: 420 });
  const y = await createNode(serve, 'And me', 'task', { x: 320, y: 420 });
  await createLink(serve, { source: x.id, target: y.id, type: 0 });
  await open(page);
  await nodeCard(page, x.id).click();
  await nodeCard(page, y.id).click({ modifiers: ['Shift'] });
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(bar).toContainText('2 nodes selected');

  const copies = async () => {
    const g = await graph(serve);
    const made = g.nodes.filter((n) => n.id !== x.id && n.id !== y.id && /me$/.test(n.title));
    const ids = new Set(made.map((n) => n.id));
    return { made, links: g.links.filter((l) => ids.has(l.source) && ids.has(l.target)) };
  };
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect.poll(async () => (await copies()).made.length).toBe(2);
  let now = await copies();
  expect(now.links).toHaveLength(1);
  expect(now.made.map((n) => n.position)).toEqual([
    { x: 40, y: 460 },
    { x: 360, y: 460 },
  ]);
  // The copies are now the selection: Ctrl+D duplicates them again, links and all.
  await expect(bar).toContainText('2 nodes selected');
  await page.keyboard.press('Control+d');
  await expect.poll(async () => (await copies()).made.length).toBe(4);
  await expect(page.locator('.react-flow__node')).toHaveCount(10);
  now = await copies();
  expect(now.links).toHaveLength(2);
  // A second paste lands further off, not on the first one.
  await page.keyboard.press('Control+v');
  await expect.poll(async () => (await copies()).made.length).toBe(6);
  const spots = new Set((await copies()).made.map((n) => `${n.position.x},${n.position.y}`));
  expect(spots.size).toBe(6);
  // One paste was one change: one undo removes both of its nodes.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await copies()).made.length).toBe(4);
});
