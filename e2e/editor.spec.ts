/**
 * The editor end to end (SPEC §4), in Chromium against the real headless server, with real
 * mouse drags: create, replace and restore links, cascades, privacy, undo/redo, reload.
 */
import { expect, test, type Page } from '@playwright/test';
import type { NodeRecord } from '../shared/model/types';
import { api, createLink, createNode, graph } from './support/api';
import { drawLink, dragEdgeEnd, edge, nodeCard } from './support/canvas';
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

const status = (page: Page, id: string) => nodeCard(page, id).locator('.lg-node');
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/editor-${name}.png` });

async function open(page: Page): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
}

test('[U1][U3] drag a link handle→node: the target turns Blocked; completing the source unblocks, highlighted', async ({
  page,
}) => {
  const design = byTitle['Design the schema'] as NodeRecord;
  const guide = byTitle['Write the guide'] as NodeRecord;
  const api_ = byTitle['Build the API'] as NodeRecord;
  await open(page);
  await expect(status(page, guide.id)).toHaveAttribute('data-status', '0');

  await drawLink(page, design.id, guide.id);
  await expect(status(page, guide.id)).toHaveAttribute('data-status', '2');
  await expect(status(page, guide.id)).toHaveClass(/lg-node--flash/);
  const links = (await graph(serve)).links.filter(
    (l) => l.source === design.id && l.target === guide.id,
  );
  expect(links).toHaveLength(1);
  await expect(edge(page, links[0]?.id ?? '')).toBeVisible();
  // The link blocking right now is drawn as such (the chain at a glance).
  await expect(edge(page, links[0]?.id ?? '').locator('.lg-edge--blocking')).toHaveCount(1);
  await shot(page, 'link-created');

  // Complete the blocker in the side panel: both nodes it blocked return to Available, flashing.
  await nodeCard(page, design.id).click();
  await page
    .getByRole('complementary', { name: 'Node details' })
    .getByLabel('Status')
    .selectOption('3');
  await expect(status(page, guide.id)).toHaveAttribute('data-status', '0');
  await expect(status(page, api_.id)).toHaveAttribute('data-status', '0');
  await expect(page.locator('.lg-node--flash')).toHaveCount(3);
  await expect(edge(page, links[0]?.id ?? '').locator('.lg-edge--blocking')).toHaveCount(0);
  await shot(page, 'cascade-unblocked');
});

test('[U3] a Blocked node shows the chain that blocks it', async ({ page }) => {
  const editor = byTitle['Ship the editor'] as NodeRecord;
  await open(page);
  await nodeCard(page, editor.id).click();
  const chain = page.getByRole('region', { name: 'Blocked by' });
  await expect(chain).toContainText('Build the API');
  await expect(chain).toContainText('Design the schema');
  await shot(page, 'blocker-chain');
});

test('[U3] a three-level chain: each completion unblocks the next level, highlighted as it happens', async ({
  page,
}) => {
  // [N2] Level 3 waits for level 2, which waits for level 1, which waits for level 0. The
  // levels above an unfinished one are Blocked whatever they are underneath, so completing each
  // level in turn unblocks exactly the next (the rest still wait on it), flashing it.
  const levels: NodeRecord[] = [];
  for (let i = 0; i < 4; i++) {
    levels.push(await createNode(serve, `Level ${i}`, 'task', { x: -400, y: i * 120 }));
  }
  for (let i = 1; i < 4; i++) {
    await createLink(serve, {
      source: (levels[i - 1] as NodeRecord).id,
      target: (levels[i] as NodeRecord).id,
      type: 0,
    });
  }
  const [root, one, two, three] = levels as [NodeRecord, NodeRecord, NodeRecord, NodeRecord];
  await open(page);
  for (const n of [one, two, three]) {
    await expect(status(page, n.id)).toHaveAttribute('data-status', '2');
  }
  await nodeCard(page, three.id).click();
  const chain = page.getByRole('region', { name: 'Blocked by' });
  for (const title of ['Level 2', 'Level 1', 'Level 0']) await expect(chain).toContainText(title);

  const steps: [NodeRecord, NodeRecord, NodeRecord[]][] = [
    [root, one, [two, three]],
    [one, two, [three]],
    [two, three, []],
  ];
  for (const [done, next, waiting] of steps) {
    await nodeCard(page, done.id).click();
    await page
      .getByRole('complementary', { name: 'Node details' })
      .getByLabel('Status')
      .selectOption('3');
    await expect(status(page, next.id)).toHaveAttribute('data-status', '0');
    await expect(status(page, next.id)).toHaveClass(/lg-node--flash/);
    for (const n of waiting) {
      await expect(status(page, n.id)).toHaveAttribute('data-status', '2');
      await expect(status(page, n.id)).not.toHaveClass(/lg-node--flash/);
    }
  }
  await shot(page, 'three-level-chain');
});

test('[U1][U3][N2] a link drawn from an unfinished task under a Completed chain re-blocks every level; completing the task releases them all', async ({
  page,
}) => {
  const levels: NodeRecord[] = [];
  for (let i = 0; i < 3; i++) {
    const n = await createNode(serve, `Done ${i}`, 'task', { x: -400, y: i * 140 });
    await api(serve, 'PUT', '/api/node', { id: n.id, status: 3 });
    levels.push(n);
  }
  for (let i = 1; i < 3; i++) {
    await createLink(serve, {
      source: (levels[i - 1] as NodeRecord).id,
      target: (levels[i] as NodeRecord).id,
      type: 0,
    });
  }
  const late = await createNode(serve, 'Late fix', 'task', { x: -750, y: 0 });
  await open(page);
  for (const n of levels) await expect(status(page, n.id)).toHaveAttribute('data-status', '3');

  // Drawn with the mouse: the whole Completed chain above it turns Blocked, every level flashing.
  await drawLink(page, late.id, (levels[0] as NodeRecord).id);
  for (const n of levels) {
    await expect(status(page, n.id)).toHaveAttribute('data-status', '2');
    await expect(status(page, n.id)).toHaveClass(/lg-node--flash/);
  }
  const stored = (await graph(serve)).nodes.filter((n) => levels.some((l) => l.id === n.id));
  expect(stored.map((n) => n.status)).toEqual([2, 2, 2]);
  await nodeCard(page, (levels[2] as NodeRecord).id).click();
  await expect(page.getByRole('region', { name: 'Blocked by' })).toContainText('Late fix');
  await shot(page, 'completed-chain-reblocked');

  // Completing the late task releases every level back to Completed, in one change.
  await nodeCard(page, late.id).click();
  await page
    .getByRole('complementary', { name: 'Node details' })
    .getByLabel('Status')
    .selectOption('3');
  for (const n of levels) await expect(status(page, n.id)).toHaveAttribute('data-status', '3');
  const after = (await graph(serve)).nodes.filter((n) => levels.some((l) => l.id === n.id));
  expect(after.map((n) => n.status)).toEqual([3, 3, 3]);
});

test('[U1][P2] a refused reconnect snaps back with the reason; dragging an edge end onto another part re-parents it', async ({
  page,
}) => {
  const search = await createNode(serve, 'Search', 'capability', { x: 0, y: 400 });
  const billing = await createNode(serve, 'Billing', 'capability', { x: 0, y: 600 });
  const faster = await createNode(serve, 'Faster queries', 'enhancement', { x: 400, y: 400 });
  const invoices = await createNode(serve, 'Invoices as PDF', 'enhancement', { x: 400, y: 600 });
  const searchLink = await createLink(serve, {
    source: search.id,
    target: faster.id,
    link_type: 'is_parent_of',
    type: 1,
  });
  const billingLink = await createLink(serve, {
    source: billing.id,
    target: invoices.id,
    link_type: 'is_parent_of',
    type: 1,
  });
  await open(page);
  await expect(edge(page, searchLink.id)).toBeVisible();

  // Refused [C1]: point Billing's child end at "Faster queries", which already has a parent.
  await dragEdgeEnd(page, billingLink.id, 'target', faster.id);
  await expect(page.getByRole('alert')).toContainText(
    `${faster.display_id} Faster queries already has a parent: ${search.display_id} Search.`,
  );
  await expect(edge(page, billingLink.id)).toBeVisible();
  expect((await graph(serve)).links.find((l) => l.id === billingLink.id)?.target).toBe(invoices.id);
  await shot(page, 'reconnect-refused');

  // Re-parent [P2]: drag the parent end of Search→"Faster queries" onto Billing.
  await dragEdgeEnd(page, searchLink.id, 'source', billing.id);
  await expect(edge(page, searchLink.id)).toHaveCount(0);
  const parents = (await graph(serve)).links
    .filter((l) => l.target === faster.id)
    .map((l) => l.source);
  expect(parents).toEqual([billing.id]);
  await expect(page.locator('.react-flow__edge')).toHaveCount((await graph(serve)).links.length);
  await shot(page, 'reconnected');
});

test('[U2][R2] delete a link, restore it from the trash panel, and by drawing it again', async ({
  page,
}) => {
  const design = byTitle['Design the schema'] as NodeRecord;
  const api_ = byTitle['Build the API'] as NodeRecord;
  const link = (await graph(serve)).links.find(
    (l) => l.source === design.id && l.target === api_.id,
  );
  if (!link) throw new Error('starter link missing');
  await open(page);

  await edge(page, link.id).click({ force: true });
  await page.keyboard.press('Delete');
  await expect(edge(page, link.id)).toHaveCount(0);
  await expect(status(page, api_.id)).toHaveAttribute('data-status', '0');

  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  const trash = page.getByRole('complementary', { name: 'Trash' });
  await expect(trash.locator(`[data-trash-link="${link.id}"]`)).toBeVisible();
  await shot(page, 'trash-panel');
  await trash
    .locator(`[data-trash-link="${link.id}"]`)
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(edge(page, link.id)).toBeVisible();
  await expect(status(page, api_.id)).toHaveAttribute('data-status', '2');

  // Trash it again, then draw the same link: the trashed one comes back (same id), and the editor says so.
  await edge(page, link.id).click({ force: true });
  await page.keyboard.press('Delete');
  await expect(edge(page, link.id)).toHaveCount(0);
  await drawLink(page, design.id, api_.id);
  await expect(edge(page, link.id)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'restored' })).toBeVisible();
});

test('[U4][A4] a private link is marked, and vanishes when viewing as a viewer', async ({
  page,
}) => {
  const design = byTitle['Design the schema'] as NodeRecord;
  const guide = byTitle['Write the guide'] as NodeRecord;
  const member = await api<{ member: { id: string } }>(serve, 'POST', '/api/member', {
    username: 'vera',
    email: 'vera@example.com',
  });
  for (const node of [design, guide]) {
    await api(serve, 'POST', '/api/node/access', {
      id: node.id,
      email: 'vera@example.com',
      level: 3,
      branch: false,
    });
  }
  await open(page);
  await page.getByLabel('Private').check();
  await drawLink(page, design.id, guide.id);
  const privateLink = (await graph(serve)).links.find(
    (l) => l.source === design.id && l.target === guide.id,
  );
  expect(privateLink?.private).toBe(true);
  await expect(
    page.locator(`[data-edge-label="${privateLink?.id}"] [aria-label="private"]`),
  ).toBeVisible();
  await shot(page, 'private-link');

  await page.getByLabel('View as').selectOption(member.member.id);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await expect(edge(page, privateLink?.id ?? '')).toHaveCount(0);
  await shot(page, 'view-as-viewer');
  await page.getByLabel('View as').selectOption({ index: 0 });
  await expect(edge(page, privateLink?.id ?? '')).toBeVisible();
});

test('[U5] undo and redo with the keyboard, and everything is as it was after a reload', async ({
  page,
}) => {
  const design = byTitle['Design the schema'] as NodeRecord;
  const guide = byTitle['Write the guide'] as NodeRecord;
  await open(page);
  await drawLink(page, design.id, guide.id);
  await expect(status(page, guide.id)).toHaveAttribute('data-status', '2');

  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('Control+z');
  await expect(status(page, guide.id)).toHaveAttribute('data-status', '0');
  expect(
    (await graph(serve)).links.some((l) => l.source === design.id && l.target === guide.id),
  ).toBe(false);
  await page.keyboard.press('Control+Shift+z');
  await expect(status(page, guide.id)).toHaveAttribute('data-status', '2');

  await page.reload();
  await expect(status(page, guide.id)).toHaveAttribute('data-status', '2');
  const count = (await graph(serve)).links.length;
  await expect(page.locator('.react-flow__edge')).toHaveCount(count);
});

test('[U5] search focuses a node; double-click on the canvas creates one; diffs from another client appear live', async ({
  page,
}) => {
  await open(page);
  await page.getByLabel('Search nodes').fill('guide');
  await page.getByLabel('Search nodes').press('Enter');
  const guide = byTitle['Write the guide'] as NodeRecord;
  await expect(nodeCard(page, guide.id)).toHaveClass(/selected/);

  const before = await page.locator('.react-flow__node').count();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  await page.mouse.dblclick(pane.x + 60, pane.y + pane.height - 60);
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);

  // Another client (a script on the local API) adds a node: it shows up without a reload.
  const remote = await createNode(serve, 'Added by a script', 'task', { x: 200, y: 300 });
  await expect(nodeCard(page, remote.id)).toContainText('Added by a script');
});

test('[U5] auto-layout moves the nodes in one change, and one undo puts them back', async ({
  page,
}) => {
  await open(page);
  const positions = async () =>
    Object.fromEntries(
      (await graph(serve)).nodes.map((n) => [n.id, `${n.position.x},${n.position.y}`]),
    );
  const before = await positions();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(positions).not.toEqual(before);
  const history = await api<{ items: { summary: string }[] }>(serve, 'GET', '/api/history?limit=1');
  expect(history.items[0]?.summary).toMatch(/^\d+ nodes moved$/);
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('Control+z');
  await expect.poll(positions).toEqual(before);
});
