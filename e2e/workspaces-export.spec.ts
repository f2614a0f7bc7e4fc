/**
 * Issue 13, items 6 and 11 and the code that moved with them, in Chromium against the real
 * headless server: workspaces switched, created, renamed, deleted (after a confirmation) and
 * an import opened, in the served page; pictures exported as the person asks; the page's own
 * changes are not pushed back to it; Fit and search reach the whole of a virtualised canvas.
 */
import { CARD } from '../shared/ui-constants';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { NodeRecord } from '../shared/model/types';
import { api, createNode, graph } from './support/api';
import { drawLink, nodeCard } from './support/canvas';
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
const rpc = <T>(method: string, params?: unknown) =>
  api<{ value: T }>(serve, 'POST', `/rpc/${method}`, params).then((r) => r.value);
const workspaces = () =>
  rpc<{ workspaces: { id: string; name: string }[]; open: string }>('workspace.list');

test('[F1] workspaces: create (it opens), rename, switch, delete after a confirmation, open an import', async ({
  page,
}) => {
  await open(page);
  const first = (await workspaces()).open;
  await page.getByRole('button', { name: /^Workspaces \(open: My first plan\)/ }).click();
  let dialog = page.getByRole('dialog', { name: 'Workspaces' });
  await expect(dialog.getByRole('listitem')).toHaveCount(1);
  await dialog.getByLabel('New workspace name').fill('Second plan');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: /^Workspaces \(open: Second plan\)/ }),
  ).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  let list = await workspaces();
  const second = list.workspaces.find((w) => w.name === 'Second plan')?.id ?? '';
  expect(list.open).toBe(second);
  // A node added here belongs to the second plan.
  await page.getByRole('button', { name: 'Add node' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  expect(
    (await api<{ graph: { nodes: NodeRecord[] } }>(serve, 'GET', `/api/graph?workspace=${second}`))
      .graph.nodes,
  ).toHaveLength(1);

  // Rename it (Enter saves), then switch back to the first plan.
  await page.getByRole('button', { name: /^Workspaces/ }).click();
  dialog = page.getByRole('dialog', { name: 'Workspaces' });
  await dialog.getByRole('button', { name: 'Rename Second plan' }).click();
  await dialog.getByLabel('New name for Second plan').fill('Renamed plan');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Renamed plan' })).toBeVisible();
  expect((await workspaces()).workspaces.map((w) => w.name)).toEqual([
    'My first plan',
    'Renamed plan',
  ]);
  await dialog.getByRole('button', { name: 'Open My first plan' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  expect((await workspaces()).open).toBe(first);

  // Delete asks first: Escape keeps it, the confirmation deletes it.
  await page.getByRole('button', { name: /^Workspaces/ }).click();
  await page.getByRole('button', { name: 'Delete Renamed plan' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete workspace?' });
  await expect(confirm).toContainText('Renamed plan');
  await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  expect((await workspaces()).workspaces).toHaveLength(2);
  await page.getByRole('button', { name: 'Delete Renamed plan' }).click();
  await page.getByRole('button', { name: 'Delete “Renamed plan”' }).click();
  await expect
    .poll(async () => (await workspaces()).workspaces.map((w) => w.name))
    .toEqual(['My first plan']);
  // The server may answer before the page has: wait for what the person sees (the
  // confirmation gone, the list without the deleted plan) before pressing Escape, or the
  // Escape lands on the confirmation still open.
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  dialog = page.getByRole('dialog', { name: 'Workspaces' });
  await expect(dialog.getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Import a file, then open the workspace it made.
  const exported = await api<string>(serve, 'GET', '/api/export?format=json').catch(() => null);
  const content = typeof exported === 'string' ? exported : JSON.stringify(exported ?? {});
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('File to import').setInputFiles({
    name: 'Imported plan.linkgraph.json',
    mimeType: 'application/json',
    buffer: Buffer.from(content),
  });
  const importForm = page.getByRole('dialog', { name: 'Import a file as a new workspace' });
  await importForm.getByRole('button', { name: 'Open it' }).click();
  await expect(
    page.getByRole('button', { name: /^Workspaces \(open: Imported plan\)/ }),
  ).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  list = await workspaces();
  expect(list.workspaces.find((w) => w.id === list.open)?.name).toBe('Imported plan');
});

test('[F1] pictures as asked: light or current theme, transparent, whole plan or selection only', async ({
  page,
}) => {
  await open(page);
  await page.getByRole('button', { name: 'Use dark theme' }).click();
  const picture = async (item: string) => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: item }).click(),
    ]);
    return readFile(await download.path());
  };
  const options = async (set: { theme?: string; transparent?: boolean; selection?: boolean }) => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const group = page.getByRole('group', { name: 'Picture options' });
    if (set.theme) await group.getByLabel('Theme').selectOption(set.theme);
    if (set.transparent !== undefined)
      await group.getByLabel('Transparent background').setChecked(set.transparent);
    if (set.selection !== undefined)
      await group.getByLabel(/^Selection only/).setChecked(set.selection);
    await page.keyboard.press('Escape');
  };

  // Whole plan, current (dark) theme, opaque: the dark background and every title.
  let svg = (await picture('SVG image')).toString();
  expect(svg).toContain('fill="#15171c"/>');
  for (const t of ['Design the schema', 'Build the API', 'Ship the editor', 'Write the guide'])
    expect(svg).toContain(t);

  // Light theme, transparent, the selection only (two nodes shift-clicked).
  const g = await graph(serve);
  const id = (title: string) => g.nodes.find((n) => n.title === title)?.id ?? '';
  await nodeCard(page, id('Design the schema')).click();
  await nodeCard(page, id('Build the API')).click({ modifiers: ['Shift'] });
  await options({ theme: 'light', transparent: true, selection: true });
  svg = (await picture('SVG image')).toString();
  expect(svg).not.toContain('fill="#15171c"/>');
  expect(svg).not.toContain('fill="#ffffff"/>');
  expect(svg).toContain('.k{fill:#ffffff;stroke:#d6d8de}');
  expect(svg).toContain('Design the schema');
  expect(svg).toContain('Build the API');
  expect(svg).not.toContain('Ship the editor');
  expect(svg).not.toContain('Write the guide');

  // The PNG of that: its corner is see-through, a card is not.
  const png = await picture('PNG image');
  const alpha = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const at = (x: number, y: number) => ctx.getImageData(x, y, 1, 1).data[3];
    return { corner: at(2, 2), middle: at(Math.round(c.width / 4), Math.round(c.height / 2)) };
  }, png.toString('base64'));
  expect(alpha.corner).toBe(0);
  expect(alpha.middle).toBe(255);

  // Opaque again: the light background is painted.
  await options({ transparent: false });
  svg = (await picture('SVG image')).toString();
  expect(svg).toContain('fill="#ffffff"/>');
});

test('[X4] the page’s own change is answered once, not pushed back to it; another client’s is pushed', async ({
  page,
}) => {
  const pushed: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString();
      if (text.includes('graph:diff')) pushed.push(text);
    }),
  );
  await open(page);
  const g = await graph(serve);
  const id = (title: string) => g.nodes.find((n) => n.title === title)?.id ?? '';
  await drawLink(page, id('Design the schema'), id('Write the guide'));
  await expect(nodeCard(page, id('Write the guide')).locator('.lg-node')).toHaveAttribute(
    'data-status',
    '2',
  );
  await page.getByRole('button', { name: 'Add node' }).click();
  await expect.poll(async () => (await graph(serve)).nodes.length).toBe(5);
  await page.waitForTimeout(500);
  expect(pushed).toEqual([]);
  const remote = await createNode(serve, 'From a script', 'task', { x: 0, y: 400 });
  await expect(nodeCard(page, remote.id)).toBeVisible();
  expect(pushed).toHaveLength(1);
});

test('[U5] on a virtualised canvas, Fit shows the whole plan and search reaches an unmounted node', async ({
  page,
}) => {
  test.setTimeout(45_000);
  // 512 nodes in a 16 × 32 grid, made by doubling one node (one command each).
  const starter = (await graph(serve)).nodes.map((n) => n.id);
  await rpc('selection.trash', { nodes: starter });
  await rpc('node.create', { title: 'Corner first', position: { x: 0, y: 0 } });
  for (const offset of [
    { x: 235, y: 0 },
    { x: 470, y: 0 },
    { x: 940, y: 0 },
    { x: 1880, y: 0 },
    { x: 0, y: 70 },
    { x: 0, y: 140 },
    { x: 0, y: 280 },
    { x: 0, y: 560 },
    { x: 0, y: 1120 },
  ]) {
    const ids = (await graph(serve)).nodes.filter((n) => !n.in_trash).map((n) => n.id);
    await rpc('nodes.duplicate', { ids, offset });
  }
  const nodes = (await graph(serve)).nodes.filter((n) => !n.in_trash);
  expect(nodes).toHaveLength(512);
  const far = nodes.reduce((a, b) =>
    b.position.x + b.position.y > a.position.x + a.position.y ? b : a,
  );
  await rpc('node.update', { id: far.id, title: 'Corner last' });
  const near = nodes.find((n) => n.position.x === 0 && n.position.y === 0) as NodeRecord;

  await page.goto(serve.url);
  // A large plan opens fitted: drawn by the overview layer (no cards) or as cards.
  await expect(
    page.locator('.react-flow__node, canvas.lg-overview[data-active="true"]').first(),
  ).toBeVisible();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  const inside = async (nodeId: string) => {
    const box = await nodeCard(page, nodeId).boundingBox();
    return (
      box !== null &&
      box.x >= pane.x &&
      box.y >= pane.y &&
      box.x + box.width <= pane.x + pane.width &&
      box.y + box.height <= pane.y + pane.height
    );
  };
  // Search for the far corner: found by its record, though it was not mounted.
  await page.getByLabel('Search nodes').fill('Corner last');
  await page.getByLabel('Search nodes').press('Enter');
  await expect.poll(() => inside(far.id)).toBe(true);
  await expect(nodeCard(page, far.id)).toHaveClass(/selected/);
  expect(await nodeCard(page, near.id).count()).toBe(0);

  // Fit: both corners of the plan are on screen (as cards, or drawn by the overview layer
  // when the fit is below the cards' zoom), read from the view's transform.
  await page.getByRole('button', { name: 'Fit the whole plan' }).click();
  const onScreen = async (record: NodeRecord) => {
    const [zoom, tx, ty] = await page.locator('.react-flow__viewport').evaluate((el) => {
      const m = new DOMMatrix(getComputedStyle(el).transform);
      return [m.a, m.e, m.f];
    });
    const x = record.position.x * zoom + tx;
    const y = record.position.y * zoom + ty;
    return (
      x >= 0 &&
      y >= 0 &&
      x + CARD.width * zoom <= pane.width &&
      y + CARD.height * zoom <= pane.height
    );
  };
  await expect.poll(() => onScreen(near)).toBe(true);
  await expect.poll(() => onScreen(far)).toBe(true);
  const drawn = await page.locator('canvas.lg-overview[data-active="true"]').count();
  if (drawn === 0) {
    await expect.poll(() => inside(near.id)).toBe(true);
    await expect.poll(() => inside(far.id)).toBe(true);
  }
  await page.screenshot({ path: 'test-results/fit-whole-plan.png' });
});
