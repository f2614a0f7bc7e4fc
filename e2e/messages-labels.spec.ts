/**
 * Messages in words and link labels (issue 13, item 10), in Chromium against the real headless
 * server: refusals name nodes by display id and title; labels say who waits on whom.
 */
import { expect, test } from '@playwright/test';
import { api, createLink, createNode } from './support/api';
import { drag, nodeCard } from './support/canvas';
import { UUID, nodePanel, rightClick, starterPlanPerTest } from './support/starter-plan';

const plan = starterPlanPerTest();
const { named, starterLink, open } = plan;

test('[N3][C1][E1] messages name nodes by display id and title and list every blocker; toasts stay in a corner, deduplicated, at most three', async ({
  page,
}) => {
  const build = named('Build the API');
  const guide = named('Write the guide');
  await createLink(plan.serve, { source: guide.id, target: build.id });
  // Parts: an enhancement already part of one capability.
  const search = await createNode(plan.serve, 'Search', 'capability', { x: 0, y: 400 });
  const billing = await createNode(plan.serve, 'Billing', 'capability', { x: 0, y: 600 });
  const faster = await createNode(plan.serve, 'Faster queries', 'enhancement', { x: 450, y: 500 });
  await createLink(plan.serve, { source: faster.id, target: search.id, link_type: 'is_part_of' });
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
  const search = await createNode(plan.serve, 'Search', 'capability', { x: 0, y: 400 });
  const faster = await createNode(plan.serve, 'Faster queries', 'enhancement', { x: 300, y: 400 });
  const parent = await createLink(plan.serve, {
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

  await api(plan.serve, 'PUT', '/api/link', { id: plain.id, type: 1 });
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
