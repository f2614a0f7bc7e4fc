/**
 * Right-click menus and re-attaching an edge end (issue 13, items 8, 9), in Chromium against
 * the real headless server: menus on nodes, links and the canvas; links sharing a handle ask
 * which one moves; purge asks first.
 */
import { expect, test } from '@playwright/test';
import { api, createLink, graph } from './support/api';
import { drag, edge, nodeCard } from './support/canvas';
import {
  nodePanel,
  linkPanel,
  screens,
  rightClick,
  starterPlanPerTest,
} from './support/starter-plan';

const plan = starterPlanPerTest();
const { named, stored, storedLink, starterLink, open } = plan;

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
      (await graph(plan.serve)).links.some((l) => l.source === guide.id && l.target === editor.id),
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
  const count = (await graph(plan.serve)).nodes.length;
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
  await expect.poll(async () => (await graph(plan.serve)).nodes.length).toBe(count + 1);
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
  const second = await createLink(plan.serve, { source: design.id, target: guide.id, type: 1 });
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
      (await graph(plan.serve)).links.filter((l) => l.target === guide.id).map((l) => l.source),
    )
    .toEqual([editor.id]);
  expect((await storedLink(first.id))?.source).toBe(design.id);
  // Re-attached [P1]: the old link went to the trash (graph.get lists active links only).
  expect(await storedLink(second.id)).toBeUndefined();

  // Purge asks first, in the page: Cancel keeps it, confirming deletes it for good.
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
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
      await api<{ value: { links: { id: string }[] } }>(plan.serve, 'POST', '/rpc/trash.list')
    ).value.links.map((l) => l.id);
  expect(await trash()).toContain(second.id);
  await row.getByRole('button', { name: 'Delete forever' }).click();
  await dialog.getByRole('button', { name: 'Delete forever' }).click();
  await expect(row).toHaveCount(0);
  expect(await trash()).not.toContain(second.id);
});
