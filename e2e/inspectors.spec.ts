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
import { docShotPath } from './support/doc-shots';

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
    await page.screenshot({ path: docShotPath(`${name}-${theme}`) });
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
  const text =
    'Use **Postgres**\n\n- tables\n- indexes\n\n<script>window.hacked=1</script>[docs](javascript:window.hacked=2)';
  await panel.getByLabel('Description').fill(text);
  await panel.getByRole('button', { name: 'Save description' }).click();
  const rendered = panel.getByRole('region', { name: 'Description' });
  await expect(rendered.locator('strong')).toHaveText('Postgres');
  await expect(rendered.locator('li')).toHaveText(['tables', 'indexes']);
  // Sanitised: no script, no javascript: link.
  expect(await rendered.locator('script').count()).toBe(0);
  expect(await rendered.locator('a[href^="javascript"]').count()).toBe(0);
  await rendered.getByText('docs').click();
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
  await addTag.fill('');
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
  await expect(nodeCard(page, design.id)).toContainText('Completed');
  expect((await stored(design.id)).status).toBe(3);
  // A tidy description for the documentation's picture.
  await panel.getByRole('button', { name: 'Edit description' }).click();
  await panel
    .getByLabel('Description')
    .fill('Tables for **Postgres**:\n\n- `users`, `plans`\n- one index per foreign key');
  await panel.getByLabel('Description').press('Control+Enter');
  await expect(rendered.locator('code')).toHaveText(['users', 'plans']);
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
  await expect(canvasMenu.getByRole('menuitem')).toHaveText([
    'Add node here',
    'Fit view',
    'Collapse all groups',
    'Expand all groups',
  ]);
  await screens(page, 'canvas-menu', () =>
    page.mouse.click(pane.x + 120, pane.y + pane.height - 120, { button: 'right' }),
  );
  await page.mouse.click(pane.x + 120, pane.y + pane.height - 120, { button: 'right' });
  await canvasMenu.getByRole('menuitem', { name: 'Add node here' }).click();
  await expect.poll(async () => (await graph(serve)).nodes.length).toBe(count + 1);
  await expect(nodePanel(page)).toBeVisible();
});

test('[U1][P3] re-attaching an edge end: links sharing a handle ask which one moves; a drop anywhere on a card connects; Delete forever asks first', async ({
  page,
}) => {
  const design = named('Design the schema');
  const guide = named('Write the guide');
  const editor = named('Ship the editor');
  const first = await starterLink('Design the schema', 'Build the API');
  // A second link out of Design's handle: both ends are on the same spot.
  const second = await createLink(serve, { source: design.id, target: guide.id, type: 1 });
  await open(page);
  const anchor = async (id: string) => {
    const box = await edge(page, id).locator('.react-flow__edgeupdater-source').boundingBox();
    if (!box) throw new Error('no end');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  // Grabbing the shared end asks which link's end it is.
  const at = await anchor(second.id);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.up();
  const chooser = page.getByRole('menu', { name: 'Which link’s end?' });
  await expect(chooser.getByRole('menuitem')).toHaveText([
    `LNK-1 (TASK-1 → TASK-2)`,
    `LNK-3 (TASK-1 → TASK-3)`,
  ]);
  await screens(page, 'end-chooser', async () => {
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.up();
  });
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.up();
  await chooser.getByRole('menuitem', { name: 'LNK-3 (TASK-1 → TASK-3)' }).click();
  await expect(linkPanel(page).getByRole('heading', { name: 'LNK-3' })).toBeVisible();

  // Now the chosen link moves; it is dropped near a corner of the card, not on a handle.
  const card = await nodeCard(page, editor.id).boundingBox();
  if (!card) throw new Error('no card');
  await drag(page, await anchor(second.id), { x: card.x + card.width - 14, y: card.y + 10 });
  await expect
    .poll(async () =>
      (await graph(serve)).links.filter((l) => l.target === guide.id).map((l) => l.source),
    )
    .toEqual([editor.id]);
  expect((await storedLink(first.id))?.source).toBe(design.id);
  // Re-attached [P1]: the old link went to the trash (graph.get lists active links only).
  expect(await storedLink(second.id)).toBeUndefined();

  // Purge asks first, in the page: Cancel keeps it, confirming deletes it for good.
  await page.getByRole('button', { name: 'Trash' }).click();
  const row = page.locator(`[data-trash-link="${second.id}"]`);
  await row.getByRole('button', { name: 'Delete forever' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Delete LNK-3');
  await expect(dialog).toContainText('This cannot be undone.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(await storedLink(second.id)).toBeUndefined(); // graph.get lists active links only
  const trash = async () =>
    (
      await api<{ value: { links: { id: string }[] } }>(serve, 'POST', '/rpc/trash.list')
    ).value.links.map((l) => l.id);
  expect(await trash()).toContain(second.id);
  await row.getByRole('button', { name: 'Delete forever' }).click();
  await dialog.getByRole('button', { name: 'Delete forever' }).click();
  await expect(row).toHaveCount(0);
  expect(await trash()).not.toContain(second.id);
});

test('[N3][C1][E1] messages name nodes by display id and title and list every blocker; toasts stay in a corner, deduplicated, at most three', async ({
  page,
}) => {
  const build = named('Build the API');
  const guide = named('Write the guide');
  await createLink(serve, { source: guide.id, target: build.id });
  // Parts: an enhancement already part of one capability.
  const search = await createNode(serve, 'Search', 'capability', { x: 0, y: 400 });
  const billing = await createNode(serve, 'Billing', 'capability', { x: 0, y: 600 });
  const faster = await createNode(serve, 'Faster queries', 'enhancement', { x: 450, y: 500 });
  await createLink(serve, { source: faster.id, target: search.id, link_type: 'is_part_of' });
  await open(page);

  // [N3] Completing a Blocked node: every blocker named, never a raw id.
  await nodeCard(page, build.id).click();
  await nodePanel(page).getByLabel('Status').selectOption('3');
  const refusal = nodePanel(page).getByRole('alert');
  await expect(refusal).toContainText('TASK-2 Build the API is blocked by');
  await expect(refusal).toContainText('TASK-1 Design the schema');
  await expect(refusal).toContainText('TASK-3 Write the guide');
  expect(await refusal.textContent()).not.toMatch(UUID);

  // [C1] Drawing "Faster queries is part of Billing": the part is named, not Billing.
  await page.getByLabel('Link type').selectOption('is_part_of');
  const handle = nodeCard(page, faster.id).locator('.react-flow__handle.source');
  const from = await handle.boundingBox();
  const to = await nodeCard(page, billing.id).boundingBox();
  if (!from || !to) throw new Error('not on screen');
  await drag(
    page,
    { x: from.x + from.width / 2, y: from.y + from.height / 2 },
    { x: to.x + to.width / 2, y: to.y + to.height / 2 },
  );
  const toasts = page.locator('.lg-toast');
  await expect(toasts).toHaveText(['ENH-1 Faster queries already has a parent: CAPL-1 Search.×']);

  // The same refusal again is not a second toast; new ones stack up to three, oldest first out.
  const menuOn = async (id: string, item: string) => {
    await rightClick(page, nodeCard(page, id));
    await page.getByRole('menuitem', { name: item }).click();
  };
  await drag(
    page,
    { x: from.x + from.width / 2, y: from.y + from.height / 2 },
    { x: to.x + to.width / 2, y: to.y + to.height / 2 },
  );
  await expect(toasts).toHaveCount(1);
  // Two refusals of Build's status say the same (it is blocked by…): one toast.
  await menuOn(build.id, 'Mark Completed');
  await menuOn(build.id, 'Mark Available');
  await expect(toasts).toHaveCount(2);
  await expect(toasts.nth(1)).toContainText('TASK-2 Build the API is blocked by');
  // A self-link (link from here… onto the same node), then a fourth message: still three.
  await menuOn(build.id, 'Link from here…');
  const card = await nodeCard(page, build.id).boundingBox();
  if (!card) throw new Error('no card');
  await page.mouse.click(card.x + card.width / 2, card.y + card.height - 8);
  await expect(toasts).toHaveCount(3);
  await expect(toasts.nth(2)).toContainText('A node cannot link to itself');
  await drag(
    page,
    { x: from.x + from.width / 2, y: from.y + from.height / 2 },
    { x: to.x + to.width / 2, y: to.y + to.height / 2 },
  );
  await expect(toasts).toHaveCount(3);
  await expect(toasts.last()).toContainText('already has a parent');
  await expect(toasts.first()).toContainText('is blocked by');
  for (const text of await toasts.allTextContents()) expect(text).not.toMatch(UUID);
  // In the bottom-left corner, clear of the middle of the canvas.
  const box = await page.locator('.lg-toasts').boundingBox();
  const view = page.viewportSize();
  if (!box || !view) throw new Error('no toasts');
  expect(box.x).toBeLessThan(100);
  expect(box.x + box.width).toBeLessThan(view.width / 2 + 120);
  expect(box.y + box.height).toBeGreaterThan(view.height - 40);
  await toasts.first().getByRole('button', { name: 'Dismiss message' }).click();
  await expect(toasts).toHaveCount(2);
});

test('[L2][U3] link labels: a secondary link is not "blocks", a primary one says which end waits (is_parent_of: the parent); labels above cards never cover an end', async ({
  page,
}) => {
  const plain = await starterLink('Design the schema', 'Build the API');
  const search = await createNode(serve, 'Search', 'capability', { x: 0, y: 400 });
  const faster = await createNode(serve, 'Faster queries', 'enhancement', { x: 300, y: 400 });
  const parent = await createLink(serve, {
    source: search.id,
    target: faster.id,
    link_type: 'is_parent_of',
  });
  expect(parent.type).toBe(0);
  await open(page);
  const label = (id: string) => page.locator(`[data-edge-label="${id}"]`);
  await expect(label(plain.id)).toHaveText('blocksTASK-2 waits');
  // The parent waits for its child (the engine's blocker side for is_parent_of).
  await expect(label(parent.id).locator('[data-waits]')).toHaveText('CAPL-1 waits');
  await expect(label(parent.id)).toContainText('is parent of');

  await api(serve, 'PUT', '/api/link', { id: plain.id, type: 1 });
  await expect(label(plain.id)).toHaveText('non-blocking link');
  await expect(label(plain.id).locator('[data-waits]')).toHaveCount(0);

  // Labels are drawn above every card (even a selected, raised one)…
  await nodeCard(page, search.id).click();
  const layers = await page.evaluate(() => {
    const z = (el: Element | null) => Number(el ? getComputedStyle(el).zIndex : NaN) || 0;
    const cards = [...document.querySelectorAll('.react-flow__node')].map(z);
    return { labels: z(document.querySelector('.react-flow__edgelabel-renderer')), cards };
  });
  expect(layers.labels).toBeGreaterThan(Math.max(...layers.cards));
  // …and let the pointer through: what is under a label's middle is the link or a card,
  // and what is under an edge's end is that end's grab handle.
  const hit = await page.evaluate(
    ({ id }) => {
      const label = document.querySelector(`[data-edge-label="${id}"]`)!.getBoundingClientRect();
      const under = document.elementFromPoint(
        label.x + label.width / 2,
        label.y + label.height / 2,
      );
      const end = document
        .querySelector(`.react-flow__edge[data-id="${id}"] .react-flow__edgeupdater-target`)!
        .getBoundingClientRect();
      const atEnd = document.elementFromPoint(end.x + end.width / 2, end.y + end.height / 2);
      return {
        label: under?.closest('[data-edge-label]') !== null,
        end: atEnd?.classList.contains('react-flow__edgeupdater') ?? false,
      };
    },
    { id: parent.id },
  );
  expect(hit).toEqual({ label: false, end: true });
});

test('[N1] switching the inspector between two nodes of the same version shows each one’s own fields', async ({
  page,
}) => {
  const first = await createNode(serve, 'First of a pair', 'task', { x: -500, y: 400 });
  const second = await createNode(serve, 'Second of a pair', 'issue', { x: -200, y: 400 });
  expect(first.version).toBe(second.version);
  await open(page);
  await nodeCard(page, first.id).click();
  await expect(nodePanel(page).getByLabel('Title')).toHaveValue('First of a pair');
  await nodeCard(page, second.id).click();
  await expect(nodePanel(page).getByLabel('Title')).toHaveValue('Second of a pair');
  await expect(nodePanel(page).getByLabel('Kind')).toHaveValue('issue');
});
