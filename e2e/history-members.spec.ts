/**
 * Issue 13, items 3 and 5, as a person does them in Chromium against the real headless server:
 * undo and redo several steps (saying what they did, disabled when there is nothing to do),
 * the history panel; members, their tokens, access to a node, and "view as" as a read-only
 * preview. Screenshots of both panels, light and dark, go to docs/screens/ when
 * LINKGRAPH_DOC_SHOTS=1 (e2e/support/doc-shots.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import type { NodeRecord } from '../shared/model/types';
import { api, graph } from './support/api';
import { drawLink, nodeCard } from './support/canvas';
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

async function open(page: Page): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).not.toHaveCount(0);
}
const rpc = <T>(method: string, params?: unknown, token = serve.token) =>
  api<{ value: T }>(serve, 'POST', `/rpc/${method}`, params, token).then((r) => r.value);
const said = (page: Page, text: string | RegExp) =>
  expect(page.getByRole('status').filter({ hasText: text }).last()).toBeVisible();
const setTheme = async (page: Page, theme: 'light' | 'dark') => {
  const toggle = page.getByRole('button', { name: /^Use (light|dark) theme$/ });
  if ((await page.locator('.lg-app').getAttribute('data-theme')) !== theme) await toggle.click();
  await expect(page.locator('.lg-app')).toHaveAttribute('data-theme', theme);
};

test('[H2][U5] three undos, then three redos: each says what it did, the buttons know when there is nothing left', async ({
  page,
}) => {
  const design = byTitle['Design the schema'] as NodeRecord;
  const guide = byTitle['Write the guide'] as NodeRecord;
  await open(page);
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  await expect(redo).toBeDisabled();

  // Three changes made with the mouse: a link, a new node, a status.
  await drawLink(page, design.id, guide.id);
  await expect.poll(async () => (await graph(serve)).links.length).toBe(3);
  await page.getByRole('button', { name: 'Add node' }).click();
  await expect.poll(async () => (await graph(serve)).nodes.length).toBe(5);
  const details = page.getByRole('complementary', { name: 'Node details' });
  await details.getByLabel('Status').selectOption('1');
  const added = (await graph(serve)).nodes.find((n) => n.title === 'New task') as NodeRecord;
  await expect
    .poll(async () => (await graph(serve)).nodes.find((n) => n.id === added.id)?.status)
    .toBe(1);
  await expect(undo).toHaveAttribute('title', /^Undo: status of TASK-\d+ New task → In progress/);

  await undo.click();
  await said(page, /^Undid: status of TASK-\d+ New task → In progress/);
  await undo.click();
  await said(page, /^Undid: added TASK-\d+ New task/);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await said(page, 'Undid: link TASK-1 → TASK-3 (1 node blocked)');
  await expect.poll(async () => (await graph(serve)).links.length).toBe(2);
  expect((await graph(serve)).nodes.some((n) => n.id === added.id)).toBe(false);

  // Redo walks forward through all three (the second redo used to say "Nothing to redo").
  await expect(redo).toHaveAttribute('title', /^Redo: link TASK-1 → TASK-3/);
  await redo.click();
  await said(page, 'Redid: link TASK-1 → TASK-3 (1 node blocked)');
  await expect(redo).toHaveAttribute('title', /^Redo: added TASK-\d+ New task/);
  await redo.click();
  await said(page, /^Redid: added TASK-\d+ New task/);
  await page.keyboard.press('Control+Shift+z');
  await said(page, /^Redid: status of TASK-\d+ New task → In progress/);
  const after = await graph(serve);
  expect(after.links.length).toBe(3);
  expect(after.nodes.find((n) => n.id === added.id)?.status).toBe(1);
  await expect(redo).toBeDisabled();
  await expect(nodeCard(page, guide.id).locator('.lg-node')).toHaveAttribute('data-status', '2');
});

test('[H2] opening the page reads the history once (after the graph has arrived), and a change reads it again', async ({
  page,
}) => {
  const asked: number[] = [];
  const graphAt: number[] = [];
  page.on('request', (req) => {
    if (req.url().endsWith('/rpc/history.list')) asked.push(Date.now());
  });
  page.on('requestfinished', (req) => {
    if (req.url().endsWith('/rpc/graph.columns')) graphAt.push(Date.now());
  });
  await open(page);
  await expect.poll(() => asked.length).toBe(1);
  await page.waitForTimeout(600); // longer than the 120 ms the page waits before reading it
  expect(asked).toHaveLength(1);
  expect(asked[0]!).toBeGreaterThanOrEqual(graphAt[0]!);

  // Another client's change reaches the page and the history is read once more.
  await rpc('node.update', { id: byTitle['Design the schema']!.id, title: 'Design the schemas' });
  await expect(nodeCard(page, byTitle['Design the schema']!.id)).toContainText(
    'Design the schemas',
  );
  await expect.poll(() => asked.length).toBe(2);
});

test('[H1][H2] the history panel lists changes with who made them and when, and undoes a listed one', async ({
  page,
}) => {
  await open(page);
  await page.getByRole('button', { name: 'History' }).click();
  const panel = page.getByRole('complementary', { name: 'History' });
  await expect(panel.getByRole('listitem').first()).toContainText(
    'link TASK-2 → FEAT-1 (1 node blocked)',
  );
  await expect(panel.getByRole('listitem').first()).toContainText('root');
  await expect(panel.getByRole('listitem')).toHaveCount(7);

  // Undo an older change from the list: Design the schema back to Available.
  await panel
    .getByRole('button', { name: 'Undo: status of TASK-1 Design the schema → In progress' })
    .click();
  await said(page, 'Undid: status of TASK-1 Design the schema → In progress');
  const design = byTitle['Design the schema'] as NodeRecord;
  await expect
    .poll(async () => (await graph(serve)).nodes.find((n) => n.id === design.id)?.status)
    .toBe(0);
  await expect(panel.getByRole('listitem').first()).toContainText(
    'Undid: status of TASK-1 Design the schema → In progress',
  );
  await expect(
    panel.getByRole('button', { name: 'Redo: status of TASK-1 Design the schema → In progress' }),
  ).toBeVisible();

  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await page.screenshot({ path: docShotPath(`history-panel-${theme}`) });
  }
  await panel.getByRole('button', { name: 'Close history' }).focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('[A1][A4][T4] members: add one (token shown once, copied), grant, change and revoke access, view as them read-only', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const design = byTitle['Design the schema'] as NodeRecord;
  await open(page);
  await page.getByRole('button', { name: 'Members' }).click();
  const panel = page.getByRole('complementary', { name: 'Members' });
  await expect(panel.getByRole('list', { name: 'Workspace members' })).toContainText('root');

  const form = panel.getByRole('form', { name: 'Add a member' });
  await form.getByLabel('Name').fill('ann');
  await form.getByLabel('Email').fill('ann@example.com');
  await form.getByRole('button', { name: 'Add member' }).click();
  const dialog = page.getByRole('dialog', { name: 'ann was added' });
  await expect(dialog).toBeVisible();
  const token = await dialog.getByLabel('Access token').inputValue();
  expect(token).toMatch(/^lg_/);
  await dialog.getByRole('button', { name: 'Copy token' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  // Tab stays in the dialog; Escape closes it.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(panel.getByRole('list', { name: 'Workspace members' })).toContainText('ann');
  // The token works, and so far shows ann nothing.
  expect((await rpc<{ nodes: unknown[] }>('graph.get', undefined, token)).nodes).toHaveLength(0);

  // Give ann editor access to Design the schema (not the branch): found by search, as the
  // panel covers the left of the canvas.
  await page.getByLabel('Search nodes').fill('Design the schema');
  await page.getByLabel('Search nodes').press('Enter');
  const access = panel.getByRole('region', { name: 'Access' });
  await expect(access).toContainText('Who can see TASK-1 Design the schema');
  const give = access.getByRole('form', { name: 'Give access' });
  await give.getByLabel('Member').selectOption({ label: 'ann' });
  await give.getByLabel('Level').selectOption({ label: 'editor' });
  await give.getByLabel('Also what is under it').uncheck();
  await give.getByRole('button', { name: 'Give access' }).click();
  const annRow = access.getByRole('listitem').filter({ hasText: 'ann' });
  await expect(annRow).toContainText('editor');
  const annNodes = async () =>
    (await rpc<{ nodes: NodeRecord[] }>('graph.get', undefined, token)).nodes.map((n) => n.title);
  await expect.poll(annNodes).toEqual(['Design the schema']);
  const levelOfAnn = async () =>
    (
      await rpc<{ access: { member: { username: string }; level: number }[] }>('node.access', {
        id: design.id,
      })
    ).access.find((e) => e.member.username === 'ann')?.level;
  expect(await levelOfAnn()).toBe(2);

  // Change it to viewer, then screenshots, then revoke.
  await annRow.getByRole('combobox', { name: 'Access of ann' }).selectOption({ label: 'viewer' });
  await expect.poll(levelOfAnn).toBe(3);
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await page.screenshot({ path: docShotPath(`members-panel-${theme}`) });
  }
  await setTheme(page, 'light');

  // View as ann: a clear banner, only her node, and nothing can be changed from there.
  await panel.getByRole('button', { name: 'View as ann' }).click();
  const banner = page.getByRole('region', { name: 'Viewing as' });
  await expect(banner).toContainText('Viewing as ann');
  await expect(banner).toContainText('Read-only');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await nodeCard(page, design.id).click();
  await page.keyboard.press('Delete');
  // The inspector shows her view of the node, every field off.
  const details = page.getByRole('complementary', { name: 'Node details' });
  await expect(details.getByLabel('Title')).toBeDisabled();
  await expect(details.getByLabel('Status')).toBeDisabled();
  await page.waitForTimeout(300);
  expect((await graph(serve)).nodes.find((n) => n.id === design.id)?.in_trash).toBe(false);
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
  await page.screenshot({ path: 'test-results/view-as-banner.png' });
  await banner.getByRole('button', { name: 'Back to my view' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);

  await page.getByLabel('Search nodes').press('Enter');
  await page
    .getByRole('complementary', { name: 'Members' })
    .getByRole('button', { name: 'Revoke access of ann' })
    .click();
  await expect.poll(annNodes).toEqual([]);
  expect(await levelOfAnn()).toBeUndefined();
});
