/**
 * Groups and filtered exports (issue 14, items 3–4), in Chromium against the real headless
 * server, by mouse and keyboard: a parent of the parts hierarchy collapses into one card with
 * a count (links to hidden members drawn to it), expands again, collapse-all / expand-all, a
 * search jumping into a collapsed group; "Only what the filter shows" in the Export menu. None
 * of it changes what the server stores. Also the docs' 300-node focus + filter screenshots.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { LinkRecord, NodeRecord } from '../shared/model/types';
import { api, createLink, createNode, graph } from './support/api';
import { edge, nodeCard } from './support/canvas';
import { docShotPath } from './support/doc-shots';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;
test.beforeEach(async () => {
  serve = await startServe();
});
test.afterEach(async () => {
  await serve.stop();
});

/** What the server stores that a view change must not touch: every record and batch, as JSON. */
const stored = async (): Promise<string> => {
  const g = await graph(serve);
  const byId = <T extends { id: string }>(a: T[]) =>
    [...a].sort((x, y) => x.id.localeCompare(y.id));
  // The history's batches too: a view change makes none (and so no undo step).
  const history = await api<{ items: { batchId: string }[] }>(serve, 'GET', '/api/history');
  expect(history.items.length).toBeGreaterThan(0);
  return JSON.stringify({
    nodes: byId(g.nodes),
    links: byId(g.links),
    batches: history.items.map((b) => b.batchId),
  });
};

interface Scene {
  suite: NodeRecord;
  canvas: NodeRecord;
  panels: NodeRecord;
  minimap: NodeRecord;
  release: NodeRecord;
  toMinimap: LinkRecord;
  toPanels: LinkRecord;
}

/**
 * Editor suite (product) has two features: Canvas (`Canvas is_part_of Editor suite`) and
 * Panels (`Editor suite is_parent_of Panels`); Minimap is part of Canvas (nested). Release
 * plan, outside, blocks Minimap (a plain link) and is related to Panels.
 */
async function scene(): Promise<Scene> {
  const suite = await createNode(serve, 'Editor suite', 'product', { x: 0, y: 420 });
  const canvas = await createNode(serve, 'Canvas', 'feature', { x: 320, y: 340 });
  const panels = await createNode(serve, 'Panels', 'feature', { x: 320, y: 520 });
  const minimap = await createNode(serve, 'Minimap', 'enhancement', { x: 640, y: 340 });
  const release = await createNode(serve, 'Release plan', 'task', { x: -360, y: 600 });
  await createLink(serve, { source: canvas.id, target: suite.id, link_type: 'is_part_of' });
  await createLink(serve, { source: suite.id, target: panels.id, link_type: 'is_parent_of' });
  await createLink(serve, { source: minimap.id, target: canvas.id, link_type: 'is_part_of' });
  const toMinimap = await createLink(serve, { source: release.id, target: minimap.id });
  const toPanels = await createLink(serve, {
    source: release.id,
    target: panels.id,
    link_type: 'is_related_to',
  });
  return { suite, canvas, panels, minimap, release, toMinimap, toPanels };
}

const cards = (page: Page) => page.locator('.react-flow__node');

test('[C1][U3] a parent collapses into one card with a count; links to hidden members attach to it; expand, collapse all, search; nothing stored changes', async ({
  page,
}) => {
  const s = await scene();
  const before = await stored();
  await page.goto(serve.url);
  await expect(cards(page)).toHaveCount(9);
  await expect(edge(page, s.toMinimap.id)).toHaveCount(1);

  // Collapse Editor suite with the pill on its card.
  const suite = nodeCard(page, s.suite.id);
  await suite.getByRole('button', { name: `Collapse ${s.suite.display_id} (2 children)` }).click();
  await expect(cards(page)).toHaveCount(6);
  for (const hidden of [s.canvas, s.panels, s.minimap])
    await expect(nodeCard(page, hidden.id)).toHaveCount(0);
  await expect(suite.locator('.lg-node')).toHaveClass(/lg-node--group/);
  // Canvas and Minimap are Blocked (the engine's cascade: Release plan is not done).
  await expect(suite.getByTestId('group-summary')).toHaveText('3 hidden · 2 blocked');
  // Both links from Release plan to hidden members: one edge to the group card, counted, red.
  const groupEdge = `group:${s.release.id}>${s.suite.id}`;
  await expect(edge(page, s.toMinimap.id)).toHaveCount(0);
  await expect(edge(page, s.toPanels.id)).toHaveCount(0);
  await expect(edge(page, groupEdge)).toHaveCount(1);
  await expect(edge(page, groupEdge).locator('path.lg-edge--blocking')).toHaveCount(1);
  await expect(page.locator(`[data-edge-label="${groupEdge}"]`)).toHaveText('2 links');
  await page.screenshot({ path: docShotPath('groups-collapsed-light') });
  await page.getByRole('button', { name: 'Use dark theme' }).click();
  await page.screenshot({ path: docShotPath('groups-collapsed-dark') });
  await page.getByRole('button', { name: 'Use light theme' }).click();

  // Selecting the group card selects the parent.
  await suite.click();
  await expect(page.getByRole('complementary', { name: 'Node details' })).toContainText(
    s.suite.display_id,
  );
  await page.getByRole('button', { name: 'Close details' }).click();

  // Expand: everything is back, drawn as the links it is.
  await suite.getByRole('button', { name: `Expand ${s.suite.display_id} (3 hidden)` }).click();
  await expect(cards(page)).toHaveCount(9);
  await expect(edge(page, groupEdge)).toHaveCount(0);
  await expect(edge(page, s.toMinimap.id)).toHaveCount(1);
  await expect(edge(page, s.toPanels.id)).toHaveCount(1);

  // From the node's context menu: collapse Canvas (one nested level).
  await nodeCard(page, s.canvas.id).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Collapse into a group' }).click();
  await expect(nodeCard(page, s.minimap.id)).toHaveCount(0);
  await expect(nodeCard(page, s.canvas.id).getByTestId('group-summary')).toHaveText(
    '1 hidden · 1 blocked',
  );
  await expect(edge(page, `group:${s.release.id}>${s.canvas.id}`)).toHaveCount(1);

  // Collapse all: the outermost parent stands for everything under it.
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await expect(cards(page)).toHaveCount(6);
  await expect(suite.getByTestId('group-summary')).toHaveText('3 hidden · 2 blocked');
  // Remembered for this workspace on this computer: a reload opens it collapsed.
  await page.reload();
  await expect(cards(page)).toHaveCount(6);
  await expect(suite.locator('.lg-node')).toHaveClass(/lg-node--group/);

  // A search hit inside a collapsed group marks the group card; jumping to it opens it.
  const search = page.getByLabel('Search nodes');
  await search.fill('Minimap');
  await expect(suite).toHaveClass(/lg-find-match/);
  await search.press('Enter');
  await expect(nodeCard(page, s.minimap.id)).toHaveClass(/selected/);
  await expect(nodeCard(page, s.minimap.id)).toHaveClass(/lg-find-current/);
  await expect(cards(page)).toHaveCount(9);
  await search.fill('');

  // Collapse all and expand all from the canvas's own context menu and panel.
  await page.locator('.react-flow__pane').click({ button: 'right', position: { x: 8, y: 200 } });
  await page.getByRole('menuitem', { name: 'Collapse all groups' }).click();
  await expect(cards(page)).toHaveCount(6);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(cards(page)).toHaveCount(9);

  // A view change, not a stored one: every record as it was, and no history batch.
  expect(await stored()).toBe(before);
});

test('[F1][U5] "Only what the filter shows" exports the shown nodes and the links between them', async ({
  page,
}) => {
  const all = (await graph(serve)).nodes;
  const guide = all.find((n) => n.title === 'Write the guide') as NodeRecord;
  await api(serve, 'PUT', '/api/node', { id: guide.id, status: 3 });
  await page.goto(serve.url);
  await expect(cards(page)).toHaveCount(4);

  const exportButton = page.getByRole('button', { name: 'Export', exact: true });
  const download = async (item: RegExp): Promise<string> => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: item }).click(),
    ]);
    return readFile(await file.path(), 'utf8');
  };

  // Off by default, and unavailable while no filter is on.
  await exportButton.click();
  const only = page.getByLabel(/Only what the filter shows/);
  await expect(only).not.toBeChecked();
  await expect(only).toBeDisabled();
  await page.keyboard.press('Escape');

  // Hide Completed.
  await page.getByRole('button', { name: /Focus & filters/ }).click();
  const filters = page.getByRole('region', { name: 'Filters' });
  await filters.getByRole('button', { name: /Filter/ }).click();
  await filters.getByLabel('Completed').uncheck();
  await expect(cards(page)).toHaveCount(3);
  await page.getByRole('button', { name: /Focus & filters/ }).click();

  // Without the option, the export still has everything.
  await exportButton.click();
  await expect(only).toBeEnabled();
  const whole = await download(/CSV \(nodes\)/);
  expect(whole).toContain('Write the guide');

  await exportButton.click();
  await only.check();
  const csv = await download(/CSV \(nodes\)/);
  const shown = all.filter((n) => n.id !== guide.id);
  for (const n of shown) expect(csv).toContain(n.title);
  expect(csv).not.toContain('Write the guide');
  expect(csv.trim().split('\n')).toHaveLength(1 + shown.length);

  // The option stays on for the next export, in every format: the native file too.
  await exportButton.click();
  await expect(only).toBeChecked();
  const json = JSON.parse(await download(/Linkgraph JSON/)) as {
    nodes: NodeRecord[];
    links: LinkRecord[];
  };
  expect(json.nodes.map((n) => n.id).sort()).toEqual(shown.map((n) => n.id).sort());
  const kept = new Set(shown.map((n) => n.id));
  const between = (await graph(serve)).links.filter(
    (l) => kept.has(l.source) && kept.has(l.target),
  );
  expect(json.links.map((l) => l.id).sort()).toEqual(between.map((l) => l.id).sort());
  expect(between.length).toBeGreaterThan(0);

  // Pictures too: the SVG draws the shown cards only.
  await exportButton.click();
  const svg = await download(/SVG/);
  for (const n of shown) expect(svg).toContain(n.display_id);
  expect(svg).not.toContain(guide.display_id);
  expect(svg).not.toContain('Write the guide');
});

test('[U3][U5] docs: a 300-node plan before and after focus upstream + hide Completed', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // 12 rows of 25: each row a chain, the first 4 of each row Completed; Step 7.12 also waits
  // on Steps 5.9, 6.9, 8.9 and 9.9, so its upstream crosses the plan.
  const columns = 25;
  const rows = 12;
  const ids: string[][] = [];
  for (let r = 0; r < rows; r++) {
    ids.push([]);
    for (let c = 0; c < columns; c++) {
      const res = await api<{ value: { nodes: { after: { id: string } }[] } }>(
        serve,
        'POST',
        '/rpc/node.create',
        { title: `Step ${r + 1}.${c + 1}`, position: { x: c * 280, y: 400 + r * 130 } },
      );
      ids[r]?.push(res.value.nodes[0]?.after.id ?? '');
    }
  }
  const at = (r: number, c: number) => ids[r]?.[c] ?? '';
  const link = (source: string, target: string) =>
    api(serve, 'POST', '/rpc/link.create', { source, target });
  for (let r = 0; r < rows; r++)
    for (let c = 1; c < columns; c++) await link(at(r, c - 1), at(r, c));
  for (const r of [4, 5, 7, 8]) await link(at(r, 8), at(6, 11));
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < 4; c++) await api(serve, 'PUT', '/api/node', { id: at(r, c), status: 3 });
  expect((await graph(serve)).nodes).toHaveLength(304);

  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(serve.url);
  await expect(cards(page)).toHaveCount(304);
  await page.getByRole('button', { name: 'Fit the whole plan' }).click();
  await page.waitForTimeout(500); // the fit's animation
  await page.screenshot({ path: docShotPath('find-300-before-light') });

  // Focus upstream of Step 7.12, hide Completed; the view fits what the focus lights.
  const target = nodeCard(page, at(6, 11));
  await page.getByLabel('Search nodes').fill('Step 7.12');
  await page.getByLabel('Search nodes').press('Enter');
  await expect(target).toHaveClass(/selected/);
  await page.getByLabel('Search nodes').fill('');
  await page.getByRole('button', { name: /Focus & filters/ }).click();
  await page
    .getByRole('region', { name: 'Focus' })
    .getByRole('button', { name: 'Upstream' })
    .click();
  const filters = page.getByRole('region', { name: 'Filters' });
  await filters.getByRole('button', { name: /Filter/ }).click();
  await filters.getByLabel('Completed').uncheck();
  await expect(cards(page)).toHaveCount(304 - rows * 4);
  await expect(target).toHaveClass(/lg-find-root/);
  await expect(nodeCard(page, at(4, 6))).not.toHaveClass(/lg-find-dim/);
  await expect(nodeCard(page, at(4, 9))).toHaveClass(/lg-find-dim/);
  await expect(nodeCard(page, at(0, 6))).toHaveClass(/lg-find-dim/);
  await expect(nodeCard(page, at(6, 2))).toHaveCount(0);
  await page.getByRole('button', { name: /Focus & filters/ }).click();
  await page.getByRole('button', { name: 'Close details' }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: docShotPath('find-300-after-light') });
  await page.getByRole('button', { name: 'Use dark theme' }).click();
  await page.screenshot({ path: docShotPath('find-300-after-dark') });
});

test('[C1][U3] groups on a virtualised plan: collapse-all folds parts off screen too; the group card takes their links', async ({
  page,
}) => {
  test.setTimeout(60_000);
  // 420 nodes (above VIRTUALIZE_ABOVE): 20 products in the first column, each the parent of 20
  // tasks along its row (is_part_of), the last one linked to the next row's product.
  const create = async (title: string, kind: string, position: { x: number; y: number }) =>
    (
      await api<{ value: { nodes: { after: NodeRecord }[] } }>(serve, 'POST', '/rpc/node.create', {
        title,
        kind,
        position,
      })
    ).value.nodes[0]?.after as NodeRecord;
  const products: NodeRecord[] = [];
  const lastParts: NodeRecord[] = [];
  for (let r = 0; r < 20; r++) {
    const product = await create(`Product ${r + 1}`, 'product', { x: 0, y: 400 + r * 140 });
    products.push(product);
    for (let c = 0; c < 20; c++) {
      const part = await create(`Part ${r + 1}.${c + 1}`, 'feature', {
        x: 300 + c * 280,
        y: 400 + r * 140,
      });
      await api(serve, 'POST', '/rpc/link.create', {
        source: part.id,
        target: product.id,
        link_type: 'is_part_of',
        type: 1,
      });
      if (c === 19) lastParts.push(part);
    }
  }
  for (let r = 0; r < 19; r++)
    await api(serve, 'POST', '/rpc/link.create', {
      source: lastParts[r]?.id,
      target: products[r + 1]?.id,
    });
  const before = await stored();
  await page.goto(serve.url);
  // A large plan opens fitted, drawn by the overview layer; at 100% its cards are mounted.
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await expect(cards(page).first()).toBeVisible();
  expect(await cards(page).count()).toBeLessThan(400);

  await page.getByRole('button', { name: 'Collapse all' }).click();
  // Only the starter plan and the 20 products are left: everything fits on screen now.
  await page.getByRole('button', { name: 'Fit the whole plan' }).click();
  await expect(cards(page)).toHaveCount(24);
  const first = nodeCard(page, products[0]?.id ?? '');
  await expect(first.getByTestId('group-summary')).toHaveText('20 hidden');
  // Part 1.20 → Product 2 is drawn from Product 1's card to Product 2's.
  await expect(edge(page, `group:${products[0]?.id}>${products[1]?.id}`)).toHaveCount(1);
  // 24 cards shown: cards, not the overview layer, even at this zoom (under 0.3, once the
  // fit's animation has settled).
  await expect(page.getByLabel('Zoom level')).toHaveText(/^([12]?\d)%$/);
  await expect(cards(page)).toHaveCount(24);
  await page.getByRole('button', { name: 'Expand all' }).click();
  // 424 shown again, at a zoom where a large plan is drawn by the overview layer: no cards.
  await expect(cards(page)).toHaveCount(0);
  // The parts are back: at 100% the parts on screen are cards again, and no group link is left.
  await page.getByRole('button', { name: 'Zoom to 100%' }).click();
  await expect(cards(page).filter({ hasText: 'Part ' }).first()).toBeVisible();
  await expect(page.locator('.react-flow__edge[data-id^="group:"]')).toHaveCount(0);
  expect(await stored()).toBe(before);
});
