/**
 * Issue 14 item 7: every action without a mouse. A person using only the keyboard goes from
 * node to node along links, opens the inspector, links two nodes by search, moves a node (saved,
 * one undo step), trashes one, and reads the list of every shortcut. Each change is checked on
 * the server.
 */
import { expect, test, type Page } from '@playwright/test';
import type { NodeRecord } from '../shared/model/types';
import { SHORTCUTS } from '../renderer/keyboard/shortcut-keys';
import { api, createLink, createNode, graph } from './support/api';
import { nodeCard } from './support/canvas';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;
let a: NodeRecord;
let b: NodeRecord;
let c: NodeRecord;
let d: NodeRecord;

test.beforeEach(async () => {
  serve = await startServe();
  // Above and left of the workspace's sample nodes: A is the first node in reading order.
  a = await createNode(serve, 'Alpha start', 'task', { x: -900, y: -700 });
  b = await createNode(serve, 'Bravo next', 'task', { x: -600, y: -700 });
  c = await createNode(serve, 'Charlie side', 'task', { x: -600, y: -520 });
  d = await createNode(serve, 'Delta target', 'issue', { x: -300, y: -520 });
  await createLink(serve, { source: a.id, target: b.id, type: 1 });
  await createLink(serve, { source: a.id, target: c.id, type: 1 });
});
test.afterEach(async () => {
  await serve.stop();
});

async function open(page: Page): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
}
const stored = async (id: string) => (await graph(serve)).nodes.find((n) => n.id === id);
const historyCount = async () =>
  (await api<{ items: unknown[] }>(serve, 'GET', '/api/history?limit=50')).items.length;

/** From nothing focused: Alt+↓ lands on the first node in reading order (A), Alt+→ on B. */
async function focusB(page: Page): Promise<void> {
  await page.keyboard.press('Alt+ArrowDown');
  await expect(nodeCard(page, a.id)).toBeFocused();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(nodeCard(page, b.id)).toBeFocused();
}

test('[U5] keyboard only: Alt+arrows go along links, Enter opens the inspector, Escape goes back', async ({
  page,
}) => {
  await open(page);
  await focusB(page);
  // The focused card is selected and its focus is drawn (an outline).
  await expect(nodeCard(page, b.id)).toHaveClass(/selected/);
  const outline = await nodeCard(page, b.id).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
  // A → B and A → C: Alt+↓ and Alt+↑ walk the other end of the same step.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(nodeCard(page, c.id)).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(nodeCard(page, b.id)).toBeFocused();
  // Back along the incoming link.
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(nodeCard(page, a.id)).toBeFocused();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(nodeCard(page, b.id)).toBeFocused();

  await page.keyboard.press('Enter');
  const details = page.getByRole('complementary', { name: 'Node details' });
  await expect(details.getByRole('heading', { name: b.display_id })).toBeVisible();
  await expect(details.getByLabel('Title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(nodeCard(page, b.id)).toBeFocused();
  await page.screenshot({ path: 'test-results/keyboard-focus.png' });
});

test('[U1] keyboard only: L on a node, a search and Enter create the link (stored)', async ({
  page,
}) => {
  await open(page);
  await focusB(page);
  await page.keyboard.press('l');
  const picker = page.getByRole('dialog', { name: `Link ${b.display_id} to…` });
  await expect(picker).toBeVisible();
  const input = picker.getByRole('combobox', { name: 'Link target' });
  await expect(input).toBeFocused();
  await page.keyboard.type('delta');
  await expect(picker.getByRole('option', { selected: true })).toContainText(d.display_id);
  await page.screenshot({ path: 'test-results/keyboard-link-picker.png' });
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect
    .poll(async () =>
      (await graph(serve)).links.some((l) => l.source === b.id && l.target === d.id && !l.in_trash),
    )
    .toBe(true);
  await expect(page.getByText(`Linked ${b.display_id} → ${d.display_id}.`)).toBeVisible();
  // The focus is back on the card it started from.
  await expect(nodeCard(page, b.id)).toBeFocused();

  // The same link again is refused by the engine, and said as for a drawn one.
  await page.keyboard.press('l');
  await page.keyboard.type(d.display_id);
  await page.keyboard.press('Enter');
  await expect(page.locator('.lg-toast--error')).toBeVisible();
  expect(
    (await graph(serve)).links.filter((l) => l.source === b.id && l.target === d.id).length,
  ).toBe(1);
});

test('[U5] keyboard only: arrows move the node, saved as ONE change; one Ctrl+Z restores it', async ({
  page,
}) => {
  await open(page);
  await focusB(page);
  const before = await historyCount();
  const screenBefore = await nodeCard(page, b.id).boundingBox();
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown'])
    await page.keyboard.press(key);
  // Shown at once…
  const screenAfter = await nodeCard(page, b.id).boundingBox();
  expect(screenAfter!.x).toBeGreaterThan(screenBefore!.x);
  expect(screenAfter!.y).toBeGreaterThan(screenBefore!.y);
  // …and saved when the keys rest: one batch for five presses.
  await expect.poll(async () => (await stored(b.id))?.position).toEqual({ x: -570, y: -680 });
  expect(await historyCount()).toBe(before + 1);
  // Shift+arrow: a bigger step, and a new burst.
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(async () => (await stored(b.id))?.position).toEqual({ x: -620, y: -680 });
  expect(await historyCount()).toBe(before + 2);

  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await stored(b.id))?.position).toEqual({ x: -570, y: -680 });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await stored(b.id))?.position).toEqual({ x: -600, y: -700 });
  // The card followed the undo.
  await expect
    .poll(async () => (await nodeCard(page, b.id).boundingBox())?.x)
    .toBeCloseTo(screenBefore!.x, 0);
});

test('[R1] keyboard only: Delete trashes the focused node (stored), the focus moves on, Ctrl+Z brings it back', async ({
  page,
}) => {
  await open(page);
  await focusB(page);
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await stored(b.id))?.in_trash ?? true).toBe(true);
  await expect(nodeCard(page, b.id)).toHaveCount(0);
  // The focus went to a node still on the canvas, not to nowhere.
  await expect(page.locator('.react-flow__node:focus')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await stored(b.id))?.in_trash).toBe(false);
});

test('[U1] keyboard only: N adds a node and opens it on its Title; Escape goes back to its card', async ({
  page,
}) => {
  await open(page);
  const before = (await graph(serve)).nodes.length;
  await page.keyboard.press('n');
  await expect.poll(async () => (await graph(serve)).nodes.length).toBe(before + 1);
  const title = page.getByRole('complementary', { name: 'Node details' }).getByLabel('Title');
  await expect(title).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Made by keys');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await graph(serve)).nodes.find((n) => n.title === 'Made by keys')?.id)
    .toBeTruthy();
  const made = (await graph(serve)).nodes.find((n) => n.title === 'Made by keys') as NodeRecord;
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Node details' })).toBeHidden();
  await expect(nodeCard(page, made.id)).toBeFocused();
  // A card reached this way moves with the arrows too (saved).
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await stored(made.id))?.position.y).toBe(made.position.y - 10);
});

test('[U5] ? lists every shortcut of the table the keys are handled from', async ({ page }) => {
  await open(page);
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('tr[data-shortcut]')).toHaveCount(SHORTCUTS.length);
  for (const row of SHORTCUTS) {
    const tr = dialog.locator(`tr[data-shortcut="${row.id}"]`);
    await expect(tr).toContainText(row.does);
    await expect(tr.locator('kbd')).toHaveCount(row.keys.length);
  }
  await dialog.screenshot({ path: 'test-results/keyboard-shortcuts.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('[U5] keyboard only on a virtualised plan: Alt+→ reaches a node far off screen, scrolled into view and focused', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // Above VIRTUALIZE_ABOVE (400) nodes the canvas mounts only what is on screen.
  const ids: string[] = [];
  for (let i = 0; i < 420; i++) {
    const position = { x: (i % 30) * 260, y: Math.floor(i / 30) * 140 };
    const r = await api<{ value: { nodes: { after: { id: string } }[] } }>(
      serve,
      'POST',
      '/rpc/node.create',
      { title: `Bulk ${i}`, position },
    );
    ids.push(r.value.nodes[0]?.after.id ?? '');
  }
  const far = ids[419] ?? '';
  await createLink(serve, { source: c.id, target: far, type: 1 });
  // A large plan opens fitted, drawn by the overview layer: no cards are mounted.
  await page.goto(serve.url);
  await expect(page.locator('.lg-overview')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  const zoomNow = async () =>
    parseInt((await page.getByLabel('Zoom level').textContent()) ?? '', 10);
  expect(await zoomNow()).toBeLessThan(30);
  // From the overview, a key that goes to a node zooms in to where its card is mounted.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(nodeCard(page, a.id)).toBeFocused();
  expect(await zoomNow()).toBeGreaterThanOrEqual(30);
  await page.keyboard.press('0'); // 100%: only a corner of the plan is mounted
  await expect(page.getByLabel('Zoom level')).toHaveText('100%');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(nodeCard(page, b.id)).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(nodeCard(page, c.id)).toBeFocused();
  const pane = (await page.locator('.react-flow').boundingBox())!;
  const onScreen = async (id: string) => {
    const box = await nodeCard(page, id).boundingBox();
    return (
      !!box &&
      box.x >= pane.x &&
      box.x + box.width <= pane.x + pane.width &&
      box.y >= pane.y &&
      box.y + box.height <= pane.y + pane.height
    );
  };
  // Far off screen (mounted at most as the far end of C's link, as the canvas does).
  expect(await onScreen(far)).toBe(false);
  expect(await page.locator('.react-flow__node').count()).toBeLessThan(400);
  await page.keyboard.press('Alt+ArrowRight');
  await expect(nodeCard(page, far)).toBeFocused();
  // Scrolled into view, not just focused.
  await expect.poll(() => onScreen(far)).toBe(true);
  // And back along the link.
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(nodeCard(page, c.id)).toBeFocused();
});
