/**
 * Finding one's way in a plan (issue 14, items 1–3), in Chromium against the real headless
 * server, by mouse and keyboard: search with a results list and next/previous, focus on a
 * node's upstream/downstream and the "why is this blocked?" chain drawn on the canvas, and
 * filters that the minimap follows.
 */
import { expect, test, type Page } from '@playwright/test';
import type { NodeRecord } from '../shared/model/types';
import { api, graph } from './support/api';
import { edge, nodeCard } from './support/canvas';
import { docShotPath } from './support/doc-shots';
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

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/find-focus-${name}.png` });
const node = (title: string) => byTitle[title] as NodeRecord;
const linkBetween = async (from: string, to: string): Promise<string> => {
  const l = (await graph(serve)).links.find((x) => x.source === from && x.target === to);
  if (!l) throw new Error('no such link');
  return l.id;
};

async function open(page: Page): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
}

test('[U5] search: results list, Enter / Shift+Enter walk the matches, highlighted on the canvas, by tag and description', async ({
  page,
}) => {
  const guide = node('Write the guide');
  const build = node('Build the API');
  await api(serve, 'PUT', '/api/node', { id: guide.id, tags: ['docs'] });
  await api(serve, 'PUT', '/api/node', { id: build.id, description: 'Serves the docs pages' });
  await open(page);

  const search = page.getByLabel('Search nodes');
  await search.click();
  await page.keyboard.type('docs');
  const results = page.getByRole('listbox', { name: 'Search results' });
  const options = results.getByRole('option');
  // The tag hit first, then the description hit; each row says id, title, kind and status.
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toHaveText(`${guide.display_id}Write the guidetaskAvailable`);
  await expect(options.nth(1)).toContainText(build.display_id);
  await expect(options.nth(1)).toContainText('Build the API');
  await expect(options.nth(1)).toContainText('Blocked');
  await expect(page.locator('.react-flow__node.lg-find-match')).toHaveCount(2);
  await expect(nodeCard(page, node('Design the schema').id)).not.toHaveClass(/lg-find-match/);
  await shot(page, 'search-list');

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('search-count')).toHaveText('1 of 2');
  await expect(nodeCard(page, guide.id)).toHaveClass(/lg-find-current/);
  await expect(nodeCard(page, guide.id)).toHaveClass(/selected/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('search-count')).toHaveText('2 of 2');
  await expect(nodeCard(page, build.id)).toHaveClass(/lg-find-current/);
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Shift+Enter');
  await expect(page.getByTestId('search-count')).toHaveText('1 of 2');
  await expect(nodeCard(page, guide.id)).toHaveClass(/lg-find-current/);
  await expect(nodeCard(page, build.id)).not.toHaveClass(/lg-find-current/);
  // Previous from the first wraps to the last.
  await page.keyboard.press('Shift+Enter');
  await expect(page.getByTestId('search-count')).toHaveText('2 of 2');

  // With the mouse: a row of the list goes to its node and opens it.
  await options.nth(0).click();
  await expect(nodeCard(page, guide.id)).toHaveClass(/selected/);
  await expect(page.getByRole('complementary', { name: 'Node details' })).toContainText(
    guide.display_id,
  );
  // By display id too.
  await search.fill(node('Ship the editor').display_id);
  await expect(options).toHaveCount(1);
  await expect(page.locator('.react-flow__node.lg-find-match')).toHaveCount(1);
});

test('[U3] focus: upstream / downstream dim the rest; "why is this blocked?" draws the service\'s chain', async ({
  page,
}) => {
  const design = node('Design the schema');
  const build = node('Build the API');
  const editor = node('Ship the editor');
  const guide = node('Write the guide');
  const designToBuild = await linkBetween(design.id, build.id);
  const buildToEditor = await linkBetween(build.id, editor.id);
  await open(page);
  const focus = page.getByRole('region', { name: 'Focus' });

  // Mouse: select Build the API, show what blocks it.
  await nodeCard(page, build.id).click();
  await page.getByRole('button', { name: /Focus & filters/ }).click();
  await focus.getByRole('button', { name: 'Upstream' }).click();
  await expect(nodeCard(page, build.id)).toHaveClass(/lg-find-root/);
  await expect(nodeCard(page, design.id)).not.toHaveClass(/lg-find-dim/);
  await expect(nodeCard(page, editor.id)).toHaveClass(/lg-find-dim/);
  await expect(nodeCard(page, guide.id)).toHaveClass(/lg-find-dim/);
  await expect(edge(page, designToBuild)).not.toHaveClass(/lg-find-dim/);
  await expect(edge(page, buildToEditor)).toHaveClass(/lg-find-dim/);

  // Keyboard: add what it blocks.
  await focus.getByRole('button', { name: 'Downstream' }).focus();
  await page.keyboard.press('Space');
  await expect(focus.getByRole('button', { name: 'Downstream' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(nodeCard(page, editor.id)).not.toHaveClass(/lg-find-dim/);
  await expect(edge(page, buildToEditor)).not.toHaveClass(/lg-find-dim/);
  await expect(nodeCard(page, guide.id)).toHaveClass(/lg-find-dim/);
  await shot(page, 'focus');
  // Only downstream: the blocker is dimmed now.
  await focus.getByRole('button', { name: 'Upstream' }).click();
  await expect(nodeCard(page, design.id)).toHaveClass(/lg-find-dim/);
  await expect(nodeCard(page, editor.id)).not.toHaveClass(/lg-find-dim/);
  await focus.getByRole('button', { name: 'Clear focus' }).click();
  await expect(page.locator('.react-flow__node.lg-find-dim')).toHaveCount(0);

  // Why is Ship the editor blocked? The chain the service answers, drawn on the canvas.
  await nodeCard(page, editor.id).click();
  await focus.getByRole('button', { name: 'Why is this blocked?' }).focus();
  await page.keyboard.press('Enter');
  const answer = await api<{ value: { chain: { node: { id: string }; link: { id: string } }[] } }>(
    serve,
    'POST',
    '/rpc/node.blockers',
    { id: editor.id },
  );
  const chainLinks = answer.value.chain.map((s) => s.link.id).sort();
  expect(chainLinks).toEqual([designToBuild, buildToEditor].sort());
  for (const id of chainLinks) await expect(edge(page, id)).toHaveClass(/lg-find-chain/);
  for (const step of answer.value.chain)
    await expect(nodeCard(page, step.node.id)).toHaveClass(/lg-find-chain/);
  await expect(nodeCard(page, editor.id)).toHaveClass(/lg-find-root/);
  await expect(nodeCard(page, guide.id)).toHaveClass(/lg-find-dim/);
  await shot(page, 'why-blocked');

  // Completing the schema shortens the chain: asked again, drawn again.
  await api(serve, 'PUT', '/api/node', { id: design.id, status: 3 });
  await expect(edge(page, designToBuild)).not.toHaveClass(/lg-find-chain/);
  await expect(nodeCard(page, design.id)).toHaveClass(/lg-find-dim/);
  await expect(edge(page, buildToEditor)).toHaveClass(/lg-find-chain/);
});

test('[U5] filters: status, kind, tag, owner and "only blocked right now"; the minimap follows', async ({
  page,
}) => {
  const design = node('Design the schema');
  const guide = node('Write the guide');
  await api(serve, 'PUT', '/api/node', { id: guide.id, status: 3 });
  await api(serve, 'PUT', '/api/node', { id: design.id, tags: ['backend'] });
  await open(page);
  const minimapNodes = page.locator('.react-flow__minimap-node');
  await expect(minimapNodes).toHaveCount(4);
  const filters = page.getByRole('region', { name: 'Filters' });

  await page.getByRole('button', { name: /Focus & filters/ }).click();
  await filters.getByRole('button', { name: /Filter/ }).click();
  const panel = filters.getByRole('group', { name: 'Filter nodes' });
  await panel.getByLabel('Completed').uncheck();
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await expect(nodeCard(page, guide.id)).toHaveCount(0);
  await expect(minimapNodes).toHaveCount(3);
  await expect(filters.getByRole('button', { name: /Filter/ })).toHaveText('Filter (3 of 4) ▾');
  await shot(page, 'filter-completed');

  await panel.getByLabel('Filter by kind').selectOption('feature');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(nodeCard(page, node('Ship the editor').id)).toHaveCount(1);
  await expect(minimapNodes).toHaveCount(1);
  await panel.getByLabel('Filter by kind').selectOption('');

  await panel.getByLabel('Filter by tag').selectOption('backend');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(nodeCard(page, design.id)).toHaveCount(1);
  await panel.getByLabel('Filter by tag').selectOption('');

  // Every node of the starter plan is its creator's.
  const owner = (await graph(serve)).nodes[0]?.owner ?? '';
  await panel.getByLabel('Filter by owner').selectOption(owner);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await panel.getByLabel('Filter by owner').selectOption('');

  // Keyboard: only what the engine has Blocked right now.
  await panel.getByLabel('Only what is blocked right now').focus();
  await page.keyboard.press('Space');
  const blocked = (await graph(serve)).nodes.filter((n) => n.status === 2).map((n) => n.id);
  expect(blocked).toHaveLength(2);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  for (const id of blocked) await expect(nodeCard(page, id)).toHaveCount(1);
  await expect(minimapNodes).toHaveCount(2);

  await filters.getByRole('button', { name: 'Show all' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(minimapNodes).toHaveCount(4);
});

test('[U5][U3] a virtualised plan: search centres an unmounted node by its stored position; focus and filters work there too', async ({
  page,
}) => {
  test.setTimeout(45_000);
  // Above VIRTUALIZE_ABOVE (400) nodes the canvas mounts only what is on screen.
  const columns = 30;
  const ids: string[] = [];
  for (let i = 0; i < 420; i++) {
    const position = { x: (i % columns) * 260, y: Math.floor(i / columns) * 140 };
    const r = await api<{ value: { nodes: { after: { id: string } }[] } }>(
      serve,
      'POST',
      '/rpc/node.create',
      { title: `Bulk ${i}`, position },
    );
    ids.push(r.value.nodes[0]?.after.id ?? '');
  }
  // Part of the last row is one chain: Bulk 405 → Bulk 406 → … → Bulk 415.
  const chain = Array.from({ length: 11 }, (_, k) => 405 + k);
  for (let k = 1; k < chain.length; k++)
    await api(serve, 'POST', '/rpc/link.create', {
      source: ids[chain[k - 1] ?? 0],
      target: ids[chain[k] ?? 0],
    });
  const at = (i: number) => nodeCard(page, ids[i] ?? '');
  await page.goto(serve.url);
  // A large plan opens fitted: the overview layer draws it, no card is mounted.
  await expect(page.locator('canvas.lg-overview')).toHaveAttribute('data-active', 'true');
  expect(await page.locator('.react-flow__node').count()).toBeLessThan(400);
  await expect(at(415)).toHaveCount(0);

  await page.getByLabel('Search nodes').fill('bulk 415');
  await page.getByLabel('Search nodes').press('Enter');
  await expect(page.getByTestId('search-count')).toHaveText('1 of 1');
  await expect(at(415)).toBeInViewport();
  await expect(at(415)).toHaveClass(/lg-find-current/);
  await expect(at(415)).toHaveClass(/selected/);
  await page.getByLabel('Search nodes').fill('');
  await page.screenshot({ path: docShotPath('find-before-light') });

  // Focus on everything upstream of Bulk 415: the view fits the chain; the rest is dimmed.
  const focus = page.getByRole('region', { name: 'Focus' });
  await page.getByRole('button', { name: /Focus & filters/ }).click();
  await focus.getByRole('button', { name: 'Upstream' }).click();
  await expect(at(410)).toBeInViewport();
  await expect(at(410)).not.toHaveClass(/lg-find-dim/);
  await expect(at(415)).toHaveClass(/lg-find-root/);
  await expect(at(404)).toHaveClass(/lg-find-dim/);
  // The focus stays when the panels close (the view is the picture the docs show).
  await page.getByRole('button', { name: /Focus & filters/ }).click();
  await page.getByRole('button', { name: 'Close details' }).click();
  await expect(at(415)).toHaveClass(/lg-find-root/);
  await page.screenshot({ path: docShotPath('find-focus-light') });
  await page.getByRole('button', { name: /Focus & filters/ }).click();
  await focus.getByRole('button', { name: 'Clear focus' }).click();

  // Only what is blocked right now: Bulk 405 and 404 are not (nothing blocks them).
  const filters = page.getByRole('region', { name: 'Filters' });
  await filters.getByRole('button', { name: /Filter/ }).click();
  await filters.getByLabel('Only what is blocked right now').check();
  // The chain's 10 and the starter plan's 2, as the server has them.
  const stored = (await graph(serve)).nodes;
  expect(stored.filter((n) => n.status === 2)).toHaveLength(12);
  await expect(filters.getByRole('button', { name: /Filter/ })).toHaveText(
    `Filter (12 of ${stored.length}) ▾`,
  );
  await expect(at(415)).toHaveCount(1);
  await expect(at(405)).toHaveCount(0);
  await expect(at(404)).toHaveCount(0);
  await page.screenshot({ path: docShotPath('find-filter-light') });
  await page.getByRole('button', { name: 'Use dark theme' }).click();
  await page.screenshot({ path: docShotPath('find-filter-dark') });
  await filters.getByRole('button', { name: 'Show all' }).click();
  await filters.getByRole('button', { name: /Filter/ }).click();
  await at(415).click();
  await focus.getByRole('button', { name: 'Upstream' }).click();
  await page.getByRole('button', { name: /Focus & filters/ }).click();
  await page.getByRole('button', { name: 'Close details' }).click();
  await expect(at(404)).toHaveClass(/lg-find-dim/);
  await page.screenshot({ path: docShotPath('find-focus-dark') });
});
