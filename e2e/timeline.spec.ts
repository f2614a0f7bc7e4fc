/**
 * The timeline view of the plan (issue 15, [PL4]) in Chromium against the real headless
 * server, with the mouse and keyboard: bars in the schedule's order on a calendar-day axis,
 * critical and late marks, dependency arrows; dragging a bar's end sets the estimate and
 * dragging the bar sets the start date (one batch each, Ctrl+Z takes it back); the selection
 * is the canvas's; a refused drag says why. Large plans: timeline-large.spec.ts.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator } from '@playwright/test';
import type { ScheduleView } from '../shared/engine/plan/plan-queries';
import type { NodeRecord } from '../shared/model/types';
import { drag, nodeCard } from './support/canvas';
import {
  bar,
  box,
  DAY,
  left,
  openTimeline,
  rpcOn,
  scheduledStarterPlanPerTest,
  shots,
} from './support/timeline';
import { nodePanel } from './support/starter-plan';

const plan = scheduledStarterPlanPerTest();
const { named, stored, historyCount } = plan;
const rpc = <T>(method: string, params?: unknown) => rpcOn<T>(plan.serve, method, params);

test('[PL4] timeline: bars by earliest start on the calendar, critical ones coloured, late and due marked, arrows along the links', async ({
  page,
}) => {
  await openTimeline(page, plan.serve);
  const schedule = await rpc<ScheduleView>('plan.schedule');
  const design = named('Design the schema');
  const apiNode = named('Build the API');
  const guide = named('Write the guide');
  const editor = named('Ship the editor');

  // Rows in the schedule's order (earliest start), top to bottom.
  // Design first, the API and the guide (both on Wednesday) in the engine's order, the editor last.
  const order = schedule.nodes.map((n) => n.id);
  expect([order[0], new Set(order.slice(1, 3)), order[3]]).toEqual([
    design.id,
    new Set([apiNode.id, guide.id]),
    editor.id,
  ]);
  const rows = await page.locator('.lg-tl-bar').evaluateAll((els) =>
    els
      .map((e) => ({ id: e.getAttribute('data-node'), y: e.getBoundingClientRect().y }))
      .sort((a, b) => a.y - b.y)
      .map((e) => e.id),
  );
  expect(rows).toEqual(schedule.nodes.map((n) => n.id));
  await expect(page.locator('.lg-tl__label')).toHaveText(
    schedule.nodes.map((n) => {
      const r = plan.starterNodes().find((x) => x.id === n.id);
      return `${r?.display_id} ${r?.title}`;
    }),
  );

  // Accessible names: id, title, estimate, dates, marks.
  await expect(bar(page, design.id)).toHaveAccessibleName(
    `${design.display_id} Design the schema, 2 days, Mar 4, 2030 – Mar 5, 2030, critical`,
  );
  await expect(bar(page, editor.id)).toHaveAccessibleName(
    `${editor.display_id} Ship the editor, 1 day, Mar 11, 2030 – Mar 11, 2030, due Mar 8, 2030, late by 1 day, critical`,
  );

  // On the calendar: Design Mon–Tue (2 days wide), API and the guide start Wednesday, the
  // editor the Monday after the weekend (shaded), five days after the API.
  const d = await box(bar(page, design.id));
  expect(d.w).toBeCloseTo(2 * DAY, 0);
  expect(await left(bar(page, apiNode.id))).toBeCloseTo(d.x + 2 * DAY, 0);
  expect(await left(bar(page, guide.id))).toBeCloseTo(d.x + 2 * DAY, 0);
  expect(await left(bar(page, editor.id))).toBeCloseTo(d.x + 7 * DAY, 0);
  expect(await page.locator('.lg-tl__off').count()).toBeGreaterThanOrEqual(2);

  // Critical (the chain driving the lateness) in the critical colour; the guide is not.
  expect(schedule.critical.sort()).toEqual([design.id, apiNode.id, editor.id].sort());
  await expect(page.locator('.lg-tl-bar--critical')).toHaveCount(3);
  for (const id of schedule.critical)
    await expect(bar(page, id)).toHaveClass(/lg-tl-bar--critical/);
  const colour = (l: Locator) => l.evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(await colour(bar(page, design.id))).toBe('rgb(232, 89, 12)');
  expect(await colour(bar(page, guide.id))).not.toBe('rgb(232, 89, 12)');

  // Late and due: the editor is marked late by a day, its due date is drawn.
  await expect(bar(page, editor.id)).toHaveClass(/lg-tl-bar--late/);
  await expect(page.locator('.lg-tl-bar__late')).toHaveText(['late 1 day']);
  await expect(page.locator('.lg-tl__due')).toHaveCount(1);

  // Arrows: every primary link of the diamond, the critical ones coloured.
  await expect(page.locator('path.lg-tl-arrow')).toHaveCount(4);
  await expect(page.locator('path.lg-tl-arrow--critical')).toHaveCount(
    schedule.critical_links.length,
  );
  for (const id of schedule.critical_links)
    await expect(page.locator(`path[data-link="${id}"]`)).toHaveClass(/lg-tl-arrow--critical/);

  // The toolbar says how much there is.
  await expect(page.getByRole('toolbar', { name: 'Timeline controls' })).toContainText(
    '4 open nodes',
  );
  await shots(page, 'timeline');

  // Readable in both themes: no WCAG 2 A/AA violation (contrast included) in the timeline.
  const scan = async () =>
    (await new AxeBuilder({ page }).include('.lg-tl').withTags(['wcag2a', 'wcag2aa']).analyze())
      .violations;
  expect(await scan()).toEqual([]);
  await page.getByRole('button', { name: 'Use dark theme' }).click();
  expect(await scan()).toEqual([]);

  // The today line: off screen by the 2030 plan; the Today button brings it in.
  const todayLine = page.locator('.lg-tl__today');
  await expect(todayLine).toHaveAttribute(
    'title',
    `Today ${new Date().toISOString().slice(0, 10)}`,
  );
  const scroller = await box(page.locator('.lg-tl__scroller'));
  expect((await box(todayLine)).x).toBeLessThan(scroller.x);
  await page.getByRole('button', { name: 'Today', exact: true }).click();
  await expect.poll(async () => (await box(todayLine)).x).toBeGreaterThan(scroller.x + 280);
  expect((await box(todayLine)).x).toBeLessThan(scroller.x + scroller.w);
});

test('[PL4] timeline: dragging a bar’s end sets the estimate (dependents move), Ctrl+Z restores; dragging a bar sets the start date; one batch each', async ({
  page,
}) => {
  await openTimeline(page, plan.serve);
  const design = named('Design the schema');
  const apiNode = named('Build the API');
  const guide = named('Write the guide');
  const editor = named('Ship the editor');
  const apiX = await left(bar(page, apiNode.id));
  const editorX = await left(bar(page, editor.id));
  const batches = await historyCount();

  // Design's end two days later (Tue → Thu): estimate 4, the API and the editor move with it.
  const end = await box(bar(page, design.id).locator('.lg-tl-bar__end'));
  const grip = { x: end.x + end.w / 2, y: end.y + end.h / 2 };
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(grip.x + 2 * DAY, grip.y, { steps: 12 });
  // While dragging, the value it would set is shown; nothing is stored yet.
  await expect(page.locator('.lg-tl__drag-tip')).toHaveText('4 days');
  expect((await stored(design.id)).estimate).toBe(2);
  await page.mouse.up();
  await expect(page.locator('.lg-tl__drag-tip')).toHaveCount(0);
  await expect.poll(async () => (await stored(design.id)).estimate).toBe(4);
  await expect.poll(historyCount).toBe(batches + 1);
  await expect.poll(() => left(bar(page, apiNode.id))).toBeCloseTo(apiX + 2 * DAY, 0);
  // The editor crosses the weekend: from Mon 11 to Wed 13.
  await expect.poll(() => left(bar(page, editor.id))).toBeCloseTo(editorX + 2 * DAY, 0);
  await expect(bar(page, design.id)).toHaveAccessibleName(/, 4 days, Mar 4, 2030 – Mar 7, 2030/);
  await expect(page.locator('.lg-tl-bar__late')).toHaveText(['late 3 days']);

  // Ctrl+Z takes back exactly that change: the estimate and every bar.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await stored(design.id)).estimate).toBe(2);
  await expect.poll(() => left(bar(page, apiNode.id))).toBeCloseTo(apiX, 0);
  await expect.poll(() => left(bar(page, editor.id))).toBeCloseTo(editorX, 0);
  await expect(page.locator('.lg-tl-bar__late')).toHaveText(['late 1 day']);
  const afterUndo = await historyCount();

  // The guide (Wed) dragged one day later: start date Thu 7 Mar stored, the bar there.
  const guideBox = await box(bar(page, guide.id));
  const from = { x: guideBox.x + 6, y: guideBox.y + guideBox.h / 2 };
  await drag(page, from, { x: from.x + DAY, y: from.y });
  await expect.poll(async () => (await stored(guide.id)).start_date).toBe('2030-03-07');
  await expect.poll(historyCount).toBe(afterUndo + 1);
  await expect.poll(() => left(bar(page, guide.id))).toBeCloseTo(guideBox.x + DAY, 0);
  // The schedule's answer (the name is the service's dates; the row may move down).
  await expect(bar(page, guide.id)).toHaveAccessibleName(/, 1 day, Mar 7, 2030 – Mar 7, 2030/);
  expect((await stored(guide.id)).estimate).toBe(1);

  // Dropped on the weekend: the next working day (Mon 11 Mar) is what is stored.
  const moved = await box(bar(page, guide.id));
  await drag(
    page,
    { x: moved.x + 6, y: moved.y + moved.h / 2 },
    { x: moved.x + 6 + 2 * DAY, y: moved.y + moved.h / 2 },
  );
  await expect.poll(async () => (await stored(guide.id)).start_date).toBe('2030-03-11');
  await expect(bar(page, guide.id)).toHaveAccessibleName(/, 1 day, Mar 11, 2030 – Mar 11, 2030/);

  // Escape during a drag cancels it: nothing is sent.
  const now = await historyCount();
  const again = await box(bar(page, guide.id));
  await page.mouse.move(again.x + 6, again.y + again.h / 2);
  await page.mouse.down();
  await page.mouse.move(again.x + 6 + 3 * DAY, again.y + again.h / 2, { steps: 8 });
  await expect(page.locator('.lg-tl__drag-tip')).toHaveText('start Mar 14, 2030');
  await page.keyboard.press('Escape');
  await expect(page.locator('.lg-tl__drag-tip')).toHaveCount(0);
  await page.mouse.up();
  await expect.poll(() => left(bar(page, guide.id))).toBeCloseTo(again.x, 0);
  expect(await historyCount()).toBe(now);
  expect((await stored(guide.id)).start_date).toBe('2030-03-11');

  // The keyboard does the same: Shift+→ half a day more, Alt+← a working day earlier.
  await bar(page, guide.id).focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => (await stored(guide.id)).estimate).toBe(1.5);
  await expect(bar(page, guide.id)).toHaveAccessibleName(/, 1.5 days, Mar 11, 2030 – Mar 12, 2030/);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect.poll(async () => (await stored(guide.id)).start_date).toBe('2030-03-08');
  await expect(bar(page, guide.id)).toHaveAccessibleName(/, 1.5 days, Mar 8, 2030 – Mar 11, 2030/);
});

test('[PL4] timeline: a bar selects its node (the inspector opens), the keyboard walks the rows, and the canvas shows the same selection', async ({
  page,
}) => {
  await openTimeline(page, plan.serve);
  // The API and the guide, in the rows' order (both start on Wednesday).
  const order = (await rpc<ScheduleView>('plan.schedule')).nodes.map((n) => n.id);
  const [apiNode, guide] = [named('Build the API'), named('Write the guide')].sort(
    (a, b) => order.indexOf(a.id) - order.indexOf(b.id),
  ) as [NodeRecord, NodeRecord];

  // A click selects: the inspector shows the node; the bar and its row are marked.
  await bar(page, apiNode.id).click();
  await expect(nodePanel(page).getByRole('heading', { level: 2 })).toHaveText(apiNode.display_id);
  await expect(bar(page, apiNode.id)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.lg-tl__label--selected')).toHaveText(
    `${apiNode.display_id} ${apiNode.title}`,
  );

  // Keyboard: ↓ to the next row, Enter opens it.
  await bar(page, apiNode.id).focus();
  await page.keyboard.press('ArrowDown');
  await expect(bar(page, guide.id)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(nodePanel(page).getByRole('heading', { level: 2 })).toHaveText(guide.display_id);
  await expect(bar(page, guide.id)).toHaveAttribute('aria-pressed', 'true');
  await expect(bar(page, apiNode.id)).toHaveAttribute('aria-pressed', 'false');
  await shots(page, 'timeline-selected');

  // Back to the canvas: the same node is selected there, its details still open.
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(nodeCard(page, guide.id)).toHaveClass(/selected/);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  await expect(nodePanel(page).getByRole('heading', { level: 2 })).toHaveText(guide.display_id);

  // A card clicked on the canvas is the selected bar on the timeline.
  await nodeCard(page, apiNode.id).click();
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(bar(page, apiNode.id)).toHaveAttribute('aria-pressed', 'true');
  await expect(bar(page, guide.id)).toHaveAttribute('aria-pressed', 'false');
});

test('[PL4] timeline: a refused drag (a member who may only view) says why, stores nothing and puts the bar back', async ({
  page,
}) => {
  const invited = await rpc<{ member: { id: string }; token: string }>('member.invite', {
    username: 'viewer',
    email: 'viewer@example.com',
  });
  for (const n of plan.starterNodes())
    await rpc('access.grant', { node: n.id, member: invited.member.id, level: 3 });
  const url = new URL(plan.serve.url);
  url.searchParams.set('token', invited.token);
  await page.goto(url.toString());
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(page.locator('.lg-tl-bar')).toHaveCount(4);
  const design = named('Design the schema');
  const batches = await historyCount();

  const before = await box(bar(page, design.id));
  const end = await box(bar(page, design.id).locator('.lg-tl-bar__end'));
  const grip = { x: end.x + end.w / 2, y: end.y + end.h / 2 };
  await drag(page, grip, { x: grip.x + 2 * DAY, y: grip.y });
  const alert = page.getByRole('alert');
  await expect(alert).toBeVisible();
  // The engine's refusal in the editor's words (describeError), as the inspector says it.
  await expect(alert).toContainText('Editing needs more access to the node.');
  expect((await stored(design.id)).estimate).toBe(2);
  expect(await historyCount()).toBe(batches);
  await expect.poll(async () => (await box(bar(page, design.id))).w).toBeCloseTo(before.w, 0);
});
