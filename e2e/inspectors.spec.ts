/**
 * The inspectors and menus end to end (issue 13, items 1, 2, 8, 9, 10), in Chromium against
 * the real headless server, with the mouse and keyboard as a person uses them: every node
 * field, the link inspector, right-click menus, re-attaching an edge end where several links
 * meet, purge asking first, messages in words, and link labels that say who waits on whom.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { LinkRecord, NodeRecord } from '../shared/model/types';
import { api, createLink, createNode, graph } from './support/api';
import { drag, edge, nodeCard } from './support/canvas';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;
let byTitle: Record<string, NodeRecord>;

test.beforeEach(async () => {
  serve = await startServe();
  byTitle = Object.fromEntries((await graph(serve)).nodes.map((n) => [n.title, n]));
});
test.afterEach(async () => {
  await serve.stop();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const named = (title: string) => byTitle[title] as NodeRecord;
const nodePanel = (page: Page) => page.getByRole('complementary', { name: 'Node details' });
const linkPanel = (page: Page) => page.getByRole('complementary', { name: 'Link details' });
const stored = async (id: string) =>
  (await graph(serve)).nodes.find((n) => n.id === id) as NodeRecord;
const storedLink = async (id: string) =>
  (await graph(serve)).links.find((l) => l.id === id) as LinkRecord | undefined;
const historyCount = async () =>
  (await api<{ items: unknown[] }>(serve, 'GET', '/api/history?limit=500')).items.length;
const starterLink = async (source: string, target: string) =>
  (await graph(serve)).links.find(
    (l) => l.source === named(source).id && l.target === named(target).id,
  ) as LinkRecord;

async function open(page: Page): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
}

/** Saves a documentation screenshot of the page in light and dark. */
async function screens(page: Page, name: string, reopen?: () => Promise<void>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const toggle = page.getByRole('button', {
      name: theme === 'dark' ? 'Use dark theme' : 'Use light theme',
    });
    if (await toggle.isVisible()) {
      await page.keyboard.press('Escape');
      await toggle.click();
      if (reopen) await reopen();
    }
    await page.screenshot({ path: `docs/screens/${name}-${theme}.png` });
  }
  await page.getByRole('button', { name: 'Use light theme' }).click();
}

async function rightClick(page: Page, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('not on screen');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
}

test('[N1][N4] node inspector: every field changes with one batch each; refusals show the API’s limits next to the field', async ({
  page,
}) => {
  const design = named('Design the schema');
  await open(page);
  await nodeCard(page, design.id).click();
  const panel = nodePanel(page);
  const before = await historyCount();

  // Title: the engine's limit, shown next to the field; nothing stored. Then a good title.
  const title = panel.getByLabel('Title');
  await title.fill('x'.repeat(81));
  await title.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText('A title has at most 80 characters.');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  expect((await stored(design.id)).title).toBe('Design the schema');
  await title.fill('Design the data model');
  await title.press('Enter');
  await expect(nodeCard(page, design.id)).toContainText('Design the data model');
  await expect(panel.getByRole('alert')).toHaveCount(0);

  // Description: multi-line Markdown, shown rendered (and sanitised) when not editing.
  await panel.getByRole('button', { name: 'Edit description' }).click();
  const text = 'Use **Postgres**\n\n- tables\n- indexes\n\n<img src=x onerror="window.hacked=1">';
  await panel.getByLabel('Description').fill(text);
  await panel.getByRole('button', { name: 'Save description' }).click();
  const rendered = panel.getByRole('region', { name: 'Description' });
  await expect(rendered.locator('strong')).toHaveText('Postgres');
  await expect(rendered.locator('li')).toHaveText(['tables', 'indexes']);
  expect(await rendered.locator('img[onerror]').count()).toBe(0);
  expect(await page.evaluate(() => (window as { hacked?: number }).hacked)).toBeUndefined();
  expect((await stored(design.id)).description).toBe(text);

  // Kind, dependent, priority (refused out of range, then kept), tags added and removed.
  await panel.getByLabel('Kind').selectOption('issue');
  await expect(nodeCard(page, design.id)).toContainText('issue');
  const priority = panel.getByLabel('Priority');
  await priority.fill('12');
  await priority.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText('Priority is a whole number from 0 to 9.');
  await priority.fill('7');
  await priority.press('Enter');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  const addTag = panel.getByLabel('Add tag');
  for (const tag of ['backend', 'api']) {
    await addTag.fill(tag);
    await addTag.press('Enter');
    await expect(panel.getByRole('list', { name: 'Tags' })).toContainText(tag);
  }
  await addTag.fill('t'.repeat(51));
  await addTag.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText('A tag has at most 50 characters.');
  await expect(addTag).toHaveValue('t'.repeat(51));
  await panel.getByRole('button', { name: 'Remove tag backend' }).click();
  await expect(panel.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveCount(1);
  await panel.getByLabel('Dependent (links can block it)').click();
  await expect(panel.getByLabel('Dependent (links can block it)')).not.toBeChecked();

  const members = await api<{ value: { members: { id: string; username: string }[] } }>(
    serve,
    'POST',
    '/rpc/members.list',
  );
  const owner = members.value.members.find((m) => m.id === design.owner);
  await expect(panel.locator('[data-owner]')).toHaveText(owner?.username ?? '?');

  await expect
    .poll(async () => {
      const n = await stored(design.id);
      return [n.title, n.kind, n.priority, n.tags, n.dependent];
    })
    .toEqual(['Design the data model', 'issue', 7, ['api'], false]);
  // One batch per accepted change (title, description, kind, priority, 2 tags, untag,
  // dependent); the refused ones recorded nothing.
  expect((await historyCount()) - before).toBe(8);

  await panel.getByLabel('Status').selectOption('3');
  await expect.poll(async () => (await stored(design.id)).status).toBe(3);
  await screens(page, 'node-inspector');
});

test('[L6][L7][A3][P3] link inspector: blocking, privacy, swap, type (replace where allowed, else why), trash; opened from a click and from the node’s list', async ({
  page,
}) => {
  const link = await starterLink('Design the schema', 'Build the API');
  const build = named('Build the API');
  await open(page);
  await edge(page, link.id).click({ force: true });
  const panel = linkPanel(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('link-sentence')).toHaveText(
    'TASK-1 Design the schema blocks TASK-2 Build the API',
  );
  await expect(panel.getByTestId('link-waits')).toHaveText(
    'TASK-2 Build the API waits for TASK-1 Design the schema.',
  );
  await screens(page, 'link-inspector', () => edge(page, link.id).click({ force: true }));

  // Type: tasks are not parts, so replace must keep the type [P3]: the reason is shown.
  await panel.getByLabel('Link type').selectOption('is_related_to');
  await expect(panel.getByRole('alert')).toContainText('must keep the same link type');
  expect((await storedLink(link.id))?.in_trash).toBe(false);

  // Secondary: the blocked node is released; the label no longer says "blocks".
  await panel.getByLabel('Blocking').selectOption('1');
  await expect.poll(async () => (await storedLink(link.id))?.type).toBe(1);
  await expect.poll(async () => (await stored(build.id)).status).toBe(0);
  await expect(page.locator(`[data-edge-label="${link.id}"]`)).toHaveText('non-blocking link');

  // [L6] Primary again is refused while the blocked node is not dependent: said in words.
  await api(serve, 'PUT', '/api/node', { id: build.id, dependent: false });
  await panel.getByLabel('Blocking').selectOption('0');
  await expect(panel.getByRole('alert')).toHaveText(
    'TASK-2 Build the API is not dependent, so no link can block it: turn on “Dependent” in its inspector first.',
  );
  expect((await storedLink(link.id))?.type).toBe(1);

  await panel.getByLabel('Private (only its owner sees it)').click();
  await expect.poll(async () => (await storedLink(link.id))?.private).toBe(true);
  await expect(page.locator(`[data-edge-label="${link.id}"] [aria-label="private"]`)).toBeVisible();
  await panel.getByRole('button', { name: 'Swap direction' }).click();
  await expect
    .poll(async () => {
      const l = await storedLink(link.id);
      return [l?.source, l?.target];
    })
    .toEqual([build.id, named('Design the schema').id]);

  // Open an end: the node inspector, whose list of links opens the link again.
  await panel.getByRole('button', { name: 'Open TASK-1' }).click();
  await nodePanel(page)
    .getByRole('button', { name: /^Link LNK-1:/ })
    .click();
  await expect(panel.getByRole('heading', { name: 'LNK-1' })).toBeVisible();
  await panel.getByRole('button', { name: 'Move to trash' }).click();
  await expect(edge(page, link.id)).toHaveCount(0);
  expect((await storedLink(link.id))?.in_trash ?? true).toBe(true);

  // Between parts any type goes [P2]: the link is replaced (one batch) and the new one shown.
  const search = await createNode(serve, 'Search', 'capability', { x: 0, y: 400 });
  const faster = await createNode(serve, 'Faster queries', 'enhancement', { x: 400, y: 400 });
  const parent = await createLink(serve, {
    source: search.id,
    target: faster.id,
    link_type: 'is_parent_of',
  });
  await nodeCard(page, search.id).click();
  await nodePanel(page)
    .getByRole('button', { name: /is parent of ENH-1 Faster queries/ })
    .click();
  await panel.getByLabel('Link type').selectOption('is_related_to');
  await expect(panel.getByTestId('link-sentence')).toHaveText(
    'CAPL-1 Search is related to ENH-1 Faster queries',
  );
  const links = (await graph(serve)).links.filter((l) => l.source === search.id);
  expect(links.map((l) => l.link_type)).toEqual(['is_related_to']);
  expect((await storedLink(parent.id))?.in_trash ?? true).toBe(true);
});

test('[U1] right-click menus on nodes, links and the canvas (role=menu, arrows, Escape) do what they say', async ({
  page,
}) => {
  const design = named('Design the schema');
  const guide = named('Write the guide');
  const editor = named('Ship the editor');
  const link = await starterLink('Design the schema', 'Build the API');
  await open(page);

  await rightClick(page, nodeCard(page, guide.id));
  const menu = page.getByRole('menu', { name: 'Node TASK-3 Write the guide' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Open inspector',
    'Mark In progress',
    'Mark Completed',
    'Link from here…',
    'Move to trash',
  ]);
  await expect(menu.getByRole('menuitem', { name: 'Open inspector' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Mark In progress' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await rightClick(page, nodeCard(page, design.id));
  await screens(page, 'node-menu', () => rightClick(page, nodeCard(page, design.id)));
  await rightClick(page, nodeCard(page, guide.id));
  await menu.getByRole('menuitem', { name: 'Mark Completed' }).click();
  await expect.poll(async () => (await stored(guide.id)).status).toBe(3);

  // Link from here…: a banner, then a click on the other node draws the link.
  await rightClick(page, nodeCard(page, guide.id));
  await menu.getByRole('menuitem', { name: 'Link from here…' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Click the node to link' }),
  ).toBeVisible();
  await nodeCard(page, editor.id).click({ position: { x: 20, y: 20 } });
  await expect
    .poll(async () =>
      (await graph(serve)).links.some((l) => l.source === guide.id && l.target === editor.id),
    )
    .toBe(true);

  // A link's menu.
  const linkMenu = page.getByRole('menu', { name: /^Link LNK-1 / });
  const label = page.locator(`[data-edge-label="${link.id}"]`);
  const onLink = async () => {
    const box = await edge(page, link.id).locator('path').first().boundingBox();
    if (!box) throw new Error('no edge');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
  };
  await onLink();
  await screens(page, 'link-menu', onLink);
  await onLink();
  await linkMenu.getByRole('menuitem', { name: 'Make non-blocking (secondary)' }).click();
  await expect(label).toHaveText('non-blocking link');
  await onLink();
  await linkMenu.getByRole('menuitem', { name: 'Make private' }).click();
  await onLink();
  await linkMenu.getByRole('menuitem', { name: 'Swap direction' }).click();
  await expect
    .poll(async () => {
      const l = await storedLink(link.id);
      return [l?.type, l?.private, l?.source];
    })
    .toEqual([1, true, named('Build the API').id]);
  await onLink();
  await linkMenu.getByRole('menuitem', { name: 'Move to trash' }).click();
  await expect(edge(page, link.id)).toHaveCount(0);

  // The canvas's menu adds a node where it was opened.
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  const count = (await graph(serve)).nodes.length;
  await page.mouse.click(pane.x + 120, pane.y + pane.height - 120, { button: 'right' });
  const canvasMenu = page.getByRole('menu', { name: 'Canvas' });
  await expect(canvasMenu.getByRole('menuitem')).toHaveText(['Add node here', 'Fit view']);
  await screens(page, 'canvas-menu', () =>
    page.mouse.click(pane.x + 120, pane.y + pane.height - 120, { button: 'right' }),
  );
  await page.mouse.click(pane.x + 120, pane.y + pane.height - 120, { button: 'right' });
  await canvasMenu.getByRole('menuitem', { name: 'Add node here' }).click();
  await expect.poll(async () => (await graph(serve)).nodes.length).toBe(count + 1);
  await expect(nodePanel(page)).toBeVisible();
});
