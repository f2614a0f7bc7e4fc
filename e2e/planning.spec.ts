/**
 * Planning in the editor (issue 15, "In the editor", without the timeline), in Chromium
 * against the real headless server, with the mouse and keyboard: the inspector's planning
 * fields (one batch each, refusals next to the field), cards showing due date, estimate,
 * initials and lateness, the critical-path toggle, and the "What's next" panel.
 */
import { expect, test, type Page } from '@playwright/test';
import type { ScheduleView, NextItem } from '../shared/engine/plan/plan-queries';
import type { NodeRecord } from '../shared/model/types';
import { cardSize, planRowHeight } from '../renderer/exchange/card-text';
import { CARD } from '../shared/ui-constants';
import { api, graph } from './support/api';
import { edge, nodeCard } from './support/canvas';
import { docShotPath } from './support/doc-shots';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;
let byTitle: Record<string, NodeRecord>;

/** A Monday: dates below are counted from it (working days Monday–Friday). */
const PLAN_START = '2030-03-04';

const rpc = <T>(method: string, params?: unknown) =>
  api<{ value: T }>(serve, 'POST', `/rpc/${method}`, params).then((r) => r.value);
const named = (title: string) => byTitle[title] as NodeRecord;
const stored = async (id: string) =>
  (await graph(serve)).nodes.find((n) => n.id === id) as NodeRecord;
const historyCount = async () =>
  (await api<{ items: unknown[] }>(serve, 'GET', '/api/history?limit=500')).items.length;
const nodePanel = (page: Page) => page.getByRole('complementary', { name: 'Node details' });

test.beforeEach(async () => {
  serve = await startServe();
  byTitle = Object.fromEntries((await graph(serve)).nodes.map((n) => [n.title, n]));
  await rpc('calendar.set', { plan_start: PLAN_START });
  await rpc('member.invite', { username: 'Ann Lee', email: 'ann@example.com' });
});
test.afterEach(async () => {
  await serve.stop();
});

async function open(page: Page): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
}

/** Documentation screenshots in light and dark (docs/screens with LINKGRAPH_DOC_SHOTS=1). */
async function shots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: docShotPath(`${name}-light`) });
  await page.getByRole('button', { name: 'Use dark theme' }).click();
  await page.screenshot({ path: docShotPath(`${name}-dark`) });
  await page.getByRole('button', { name: 'Use light theme' }).click();
}

/** The starter chain Design → API → Editor with estimates; Editor due before it can finish. */
async function plan(): Promise<void> {
  const set = (title: string, fields: Record<string, unknown>) =>
    rpc('node.update', { id: named(title).id, ...fields });
  await set('Design the schema', { estimate: 2, assignee: ['Ann Lee'] });
  await set('Build the API', { estimate: 3, assignee: ['root'] });
  // Design 2 + API 3 + Editor 1 = finishes on day 6 (Mon 11 Mar): due Fri 8 Mar is 1 day late.
  await set('Ship the editor', { estimate: 1, due_date: '2030-03-08' });
  await set('Write the guide', { estimate: 1, assignee: ['Ann Lee'], due_date: '2030-03-20' });
}

test('[PL1] inspector: due and start date, estimate and assignees change with one batch each; refusals show next to the field', async ({
  page,
}) => {
  const design = named('Design the schema');
  await open(page);
  await nodeCard(page, design.id).click();
  const panel = nodePanel(page);
  const card = nodeCard(page, design.id);
  let batches = await historyCount();
  const oneMoreBatch = async () => {
    await expect.poll(historyCount).toBe(batches + 1);
    batches += 1;
  };

  // Due date: typed into the date picker with the keyboard, Enter saves.
  const due = panel.getByLabel('Due date');
  await due.click();
  await due.pressSequentially('03152030');
  await due.press('Enter');
  await expect.poll(async () => (await stored(design.id)).due_date).toBe('2030-03-15');
  await oneMoreBatch();
  await expect(card.getByLabel('Due 2030-03-15')).toContainText('15 Mar 2030');

  // A date the engine refuses (before 1900): the reason next to the field, nothing stored.
  await due.fill('1850-01-01');
  await due.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText(
    'A due date is a day that exists, from 1900 on (YYYY-MM-DD).',
  );
  await expect(due).toHaveAttribute('aria-invalid', 'true');
  expect((await stored(design.id)).due_date).toBe('2030-03-15');
  expect(await historyCount()).toBe(batches);

  // Start date: leaving the field (a click on the next one) saves it. Tab would move between
  // the date's parts.
  const start = panel.getByLabel('Start date (earliest)');
  const estimate = panel.getByLabel('Estimate (working days)');
  await start.fill('2030-03-05');
  await estimate.click();
  await expect.poll(async () => (await stored(design.id)).start_date).toBe('2030-03-05');
  await oneMoreBatch();
  await expect(panel.getByRole('alert')).toHaveCount(0);

  // Estimate: decimals; a negative one is refused next to the field; empty clears it.
  await estimate.fill('2.5');
  await estimate.press('Enter');
  await expect.poll(async () => (await stored(design.id)).estimate).toBe(2.5);
  await oneMoreBatch();
  await expect(card.getByLabel('Estimate 2.5 working days')).toHaveText('2.5d');
  await estimate.fill('-1');
  await estimate.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText(
    'An estimate is a number of working days from 0 to 100,000 (decimals allowed).',
  );
  await expect(estimate).toHaveAttribute('aria-invalid', 'true');
  expect((await stored(design.id)).estimate).toBe(2.5);
  expect(await historyCount()).toBe(batches);

  // Assignees: completion from the members (keyboard), one picked with the mouse, a free
  // name typed in full; a chip removed; a name longer than the engine allows refused.
  const add = panel.getByLabel('Add assignee');
  await add.fill('ann');
  const offers = panel.getByRole('listbox', { name: 'Members' });
  await expect(offers.getByRole('option')).toHaveText([/Ann Lee/]);
  await add.press('Enter');
  await expect.poll(async () => (await stored(design.id)).assignee).toEqual(['Ann Lee']);
  await oneMoreBatch();
  await add.fill('ro');
  await offers.getByRole('option', { name: /root/ }).click();
  await expect.poll(async () => (await stored(design.id)).assignee).toEqual(['Ann Lee', 'root']);
  await oneMoreBatch();
  await add.fill('grace.hopper@navy.mil');
  await add.press('Enter');
  await expect
    .poll(async () => (await stored(design.id)).assignee)
    .toEqual(['Ann Lee', 'root', 'grace.hopper@navy.mil']);
  await oneMoreBatch();
  const chips = panel.getByRole('list', { name: 'Assignees' });
  await expect(chips.getByRole('listitem')).toHaveText([/Ann Lee/, /root/, /grace/]);
  await expect(card.getByLabel('Assigned to Ann Lee, root, grace.hopper@navy.mil')).toHaveText(
    'ALRGH',
  );
  await chips.getByRole('button', { name: 'Remove assignee root' }).click();
  await expect
    .poll(async () => (await stored(design.id)).assignee)
    .toEqual(['Ann Lee', 'grace.hopper@navy.mil']);
  await oneMoreBatch();
  await add.fill('x'.repeat(255));
  await add.press('Enter');
  await expect(panel.getByRole('alert')).toContainText(
    'An assignee is a name or email of 1 to 254',
  );
  await expect(add).toHaveValue('x'.repeat(255));
  expect((await stored(design.id)).assignee).toEqual(['Ann Lee', 'grace.hopper@navy.mil']);
  expect(await historyCount()).toBe(batches);

  // Clearing the estimate (empty field) is one batch and removes it from the record.
  await estimate.fill('');
  await estimate.press('Enter');
  await expect.poll(async () => (await stored(design.id)).estimate).toBeUndefined();
  await oneMoreBatch();
  await expect(card.getByLabel(/Estimate/)).toHaveCount(0);

  // Undo takes back exactly that one change.
  await page.keyboard.press('Escape');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await stored(design.id)).estimate).toBe(2.5);
});

test('[PL1] a card is as tall as the overview layer draws it: its planning line counted, wrapped or not', async ({
  page,
}) => {
  await plan();
  // Seven people beside a due date and an estimate take a second line.
  const people = ['Ann Lee', 'root', 'Bo Chen', 'Cy Dee', 'Di Eve', 'Ed Fox', 'Flo Gus'];
  await rpc('node.update', { id: named('Write the guide').id, assignee: people });
  await open(page);
  await expect(nodeCard(page, named('Write the guide').id)).toContainText('FG');
  const lines = new Set<number>();
  for (const node of (await graph(serve)).nodes) {
    // offsetHeight: the card's own height in flow px, before the viewport's zoom.
    const height = await nodeCard(page, node.id)
      .locator('.lg-node')
      .evaluate((el) => (el as HTMLElement).offsetHeight);
    const plan = planRowHeight(node);
    lines.add(plan === 0 ? 0 : plan > CARD.planTop + CARD.planLine ? 2 : 1);
    expect(Math.abs(height - (cardSize(node).height + plan)), node.title).toBeLessThanOrEqual(1);
  }
  // Cards with one line of planning and one with two were compared.
  expect([...lines].sort()).toEqual([1, 2]);
  await shots(page, 'planning-card-lines');
});

test('[PL2] cards show lateness from the schedule; the critical-path toggle highlights the chain; both follow each batch', async ({
  page,
}) => {
  await plan();
  await open(page);
  const schedule = await rpc<ScheduleView>('plan.schedule');
  const editor = named('Ship the editor');
  expect(schedule.late).toEqual([{ id: editor.id, late_by: 1 }]);

  // Late: marked on the card, by as much as the server says.
  const editorCard = nodeCard(page, editor.id);
  await expect(editorCard.locator('.lg-node')).toHaveClass(/lg-node--late/);
  await expect(editorCard.locator('.lg-node__late')).toHaveText('late 1d');
  await expect(page.locator('.lg-node--late')).toHaveCount(1);

  // A calendar change (a holiday on Tuesday) moves no record, yet makes the editor a day later:
  // the diff's calendar entry asks the schedule again.
  await rpc('calendar.set', { holidays: ['2030-03-05'] });
  await expect(editorCard.locator('.lg-node__late')).toHaveText('late 2d');
  expect((await rpc<ScheduleView>('plan.schedule')).late).toEqual([{ id: editor.id, late_by: 2 }]);
  await expect(nodeCard(page, named('Design the schema').id)).toContainText('AL');
  await expect(nodeCard(page, named('Design the schema').id)).toContainText('2d');

  // Critical path: off by default; the keyboard turns it on.
  await expect(page.locator('.lg-node--critical')).toHaveCount(0);
  const toggle = page.getByRole('button', { name: 'Critical path' });
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(schedule.critical.length).toBe(3);
  for (const id of schedule.critical)
    await expect(nodeCard(page, id).locator('.lg-node')).toHaveClass(/lg-node--critical/);
  await expect(page.locator('.lg-node--critical')).toHaveCount(schedule.critical.length);
  expect(schedule.critical_links.length).toBe(2);
  for (const id of schedule.critical_links)
    await expect(edge(page, id).locator('path.lg-edge--critical')).toHaveCount(1);
  await expect(page.locator('path.lg-edge--critical')).toHaveCount(2);
  await shots(page, 'planning-critical');

  // A batch that moves the due date: the late mark goes (the schedule was asked again).
  await editorCard.click();
  const due = nodePanel(page).getByLabel('Due date');
  await due.fill('2030-03-29');
  await due.press('Enter');
  await expect(page.locator('.lg-node--late')).toHaveCount(0);
  expect((await rpc<ScheduleView>('plan.schedule')).late).toEqual([]);
  // The chain is still the one of least slack (now zero): still highlighted.
  const after = await rpc<ScheduleView>('plan.schedule');
  await expect(page.locator('.lg-node--critical')).toHaveCount(after.critical.length);
  for (const id of after.critical)
    await expect(nodeCard(page, id).locator('.lg-node')).toHaveClass(/lg-node--critical/);

  // The mouse turns it off.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.lg-node--critical')).toHaveCount(0);
  await expect(page.locator('path.lg-edge--critical')).toHaveCount(0);
});

test('[PL3] What’s next: in the engine’s order, filtered by assignee; an item selects and centres its node', async ({
  page,
}) => {
  await plan();
  await open(page);
  await page.getByRole('button', { name: 'What’s next' }).click();
  const panel = page.getByRole('complementary', { name: 'What’s next' });
  const list = panel.getByRole('list', { name: 'Next work' });

  const title = (n: NextItem) => `${n.node.display_id} ${n.node.title}`;
  const all = (await rpc<{ items: NextItem[] }>('plan.next', { limit: 50 })).items;
  expect(all.length).toBeGreaterThan(1);
  await expect(list.getByRole('button')).toHaveText(all.map(title));

  // Filtered by assignee, with the keyboard.
  const filter = panel.getByLabel('Assignee');
  await filter.focus();
  await filter.selectOption('Ann Lee');
  const ann = (await rpc<{ items: NextItem[] }>('plan.next', { assignee: 'Ann Lee', limit: 50 }))
    .items;
  expect(ann.map((n) => n.node.title).sort()).toEqual(['Design the schema', 'Write the guide']);
  await expect(list.getByRole('button')).toHaveText(ann.map(title));

  // Move the guide far away, then pick it in the list: selected, inspected and centred.
  const guide = named('Write the guide');
  await rpc('node.move', { moves: [{ id: guide.id, position: { x: 3000, y: 2000 } }] });
  await expect(nodeCard(page, guide.id)).toBeAttached();
  const item = list.getByRole('button', { name: new RegExp('Write the guide') });
  await item.focus();
  await page.keyboard.press('Enter');
  await expect(nodePanel(page).getByRole('heading', { level: 2 })).toHaveText(guide.display_id);
  await expect(nodeCard(page, guide.id)).toHaveClass(/selected/);
  await expect(item).toHaveAttribute('aria-current', 'true');
  await expect
    .poll(async () => {
      const box = await nodeCard(page, guide.id).boundingBox();
      const pane = await page.locator('.react-flow').boundingBox();
      if (!box || !pane) return Infinity;
      return Math.hypot(
        box.x + box.width / 2 - (pane.x + pane.width / 2),
        box.y + box.height / 2 - (pane.y + pane.height / 2),
      );
    })
    .toBeLessThan(40);

  // The list follows batches: finishing the guide takes it off.
  await rpc('node.update', { id: guide.id, status: 3 });
  await expect(list.getByRole('button', { name: /Write the guide/ })).toHaveCount(0);
  const annAfter = (
    await rpc<{ items: NextItem[] }>('plan.next', { assignee: 'Ann Lee', limit: 50 })
  ).items;
  await expect(list.getByRole('button')).toHaveText(annAfter.map(title));
  await shots(page, 'planning-next');
  // Escape inside the panel closes it.
  await filter.focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'What’s next' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
});
