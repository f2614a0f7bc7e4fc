/**
 * The timeline view of the plan (issue 15, [PL4]) in Chromium against the real headless
 * server, with the mouse and keyboard: bars in the schedule's order on a calendar-day axis,
 * critical and late marks, dependency arrows; dragging a bar's end sets the estimate and
 * dragging the bar sets the start date (one batch each, Ctrl+Z takes it back); the selection
 * is the canvas's.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { ScheduleView } from '../shared/engine/plan/plan-queries';
import type { NodeRecord } from '../shared/model/types';
import { exportNativeJson } from '../shared/exchange/index';
import { laidOutPlan } from '../shared/exchange/test-support/laid-out-plan';
import { api, graph, openImportedPlan } from './support/api';
import { drag, nodeCard } from './support/canvas';
import { docShotPath } from './support/doc-shots';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;
let byTitle: Record<string, NodeRecord>;

/** A Monday; Monday–Friday working days. */
const PLAN_START = '2030-03-04';
/** Pixels per day at the timeline's first zoom. */
const DAY = 24;

const rpc = <T>(method: string, params?: unknown) =>
  api<{ value: T }>(serve, 'POST', `/rpc/${method}`, params).then((r) => r.value);
const named = (title: string) => byTitle[title] as NodeRecord;
const stored = async (id: string) =>
  (await graph(serve)).nodes.find((n) => n.id === id) as NodeRecord;
const historyCount = async () =>
  (await api<{ items: unknown[] }>(serve, 'GET', '/api/history?limit=500')).items.length;
const nodePanel = (page: Page) => page.getByRole('complementary', { name: 'Node details' });
const bar = (page: Page, id: string) => page.locator(`.lg-tl-bar[data-node="${id}"]`);

async function box(locator: Locator): Promise<{ x: number; y: number; w: number; h: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return { x: b.x, y: b.y, w: b.width, h: b.height };
}
const left = async (locator: Locator) => (await box(locator)).x;

test.beforeEach(async () => {
  serve = await startServe();
  byTitle = Object.fromEntries((await graph(serve)).nodes.map((n) => [n.title, n]));
  await rpc('calendar.set', { plan_start: PLAN_START });
  // The starter chain Design → API → Editor, and the guide beside the API: a diamond.
  const set = (title: string, fields: Record<string, unknown>) =>
    rpc('node.update', { id: named(title).id, ...fields });
  await rpc('link.create', {
    source: named('Design the schema').id,
    target: named('Write the guide').id,
  });
  await rpc('link.create', {
    source: named('Write the guide').id,
    target: named('Ship the editor').id,
  });
  await set('Design the schema', { estimate: 2 });
  await set('Build the API', { estimate: 3 });
  await set('Write the guide', { estimate: 1 });
  // Design 2 + API 3 + Editor 1 finishes Mon 11 Mar: due Fri 8 Mar is a day late.
  await set('Ship the editor', { estimate: 1, due_date: '2030-03-08' });
});
test.afterEach(async () => {
  await serve.stop();
});

async function openTimeline(page: Page): Promise<void> {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  const toggle = page.getByRole('button', { name: 'Timeline', exact: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.react-flow')).toHaveCount(0);
  await expect(page.locator('.lg-tl-bar')).toHaveCount(4);
}

/** Documentation screenshots in light and dark (docs/screens with LINKGRAPH_DOC_SHOTS=1). */
async function shots(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: docShotPath(`${name}-light`) });
  await page.getByRole('button', { name: 'Use dark theme' }).click();
  await page.screenshot({ path: docShotPath(`${name}-dark`) });
  await page.getByRole('button', { name: 'Use light theme' }).click();
}

test('[PL4] timeline: bars by earliest start on the calendar, critical ones coloured, late and due marked, arrows along the links', async ({
  page,
}) => {
  await openTimeline(page);
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
      const r = (Object.values(byTitle) as NodeRecord[]).find((x) => x.id === n.id);
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
  await openTimeline(page);
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
  await openTimeline(page);
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

test('[PL4] a plan of 10,240 open nodes: only the rows and arrows in view are in the DOM; scrolling and the keyboard reach the last row', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Five chained nodes, doubled eleven times (each copy keeps its links and fields).
  const release = await rpc<{ nodes: { after: { id: string } }[] }>('node.create', {
    title: 'Release',
    position: { x: 900, y: 0 },
    estimate: 1,
  });
  await rpc('link.create', {
    source: named('Ship the editor').id,
    target: release.nodes[0]?.after.id,
  });
  for (let k = 0; k < 11; k++) {
    const ids = (await graph(serve)).nodes.map((n) => n.id);
    await rpc('nodes.duplicate', { ids, offset: { x: 40 * (k + 1), y: 160 * (k + 1) } });
  }
  const schedule = await rpc<ScheduleView>('plan.schedule');
  expect(schedule.nodes).toHaveLength(10_240);

  await page.goto(serve.url);
  // A large plan opens fitted, drawn by the overview layer (no cards mounted) or as cards.
  await expect(
    page.locator('.react-flow__node, canvas.lg-overview[data-active="true"]').first(),
  ).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'Timeline controls' })).toContainText(
    '10,240 open nodes',
    { timeout: 30_000 },
  );
  const bars = page.locator('.lg-tl-bar');
  const inDom = async () => bars.count();
  expect(await inDom()).toBeGreaterThan(10);
  expect(await inDom()).toBeLessThan(60);
  expect(await page.locator('path.lg-tl-arrow').count()).toBeLessThan(120);
  const first = schedule.nodes[0]?.id ?? '';
  const last = schedule.nodes.at(-1)?.id ?? '';
  await expect(bar(page, first)).toBeVisible();
  await expect(bar(page, last)).toHaveCount(0);

  // Scrolled to the bottom: the last rows come in, the first go.
  await page.locator('.lg-tl__scroller').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(bar(page, last)).toBeVisible();
  await expect(bar(page, first)).toHaveCount(0);
  expect(await inDom()).toBeLessThan(60);
  await page.getByRole('button', { name: 'Zoom out the timeline' }).click();
  await page.screenshot({ path: 'test-results/timeline-10240-bottom.png' });

  // Home from the keyboard: back to the first row, focused.
  await bar(page, last).focus();
  await page.keyboard.press('Home');
  await expect(bar(page, first)).toBeFocused();
  await expect(bar(page, last)).toHaveCount(0);

  // A node picked elsewhere (What's next) while the view is at the bottom: its row comes in,
  // selected.
  await page.locator('.lg-tl__scroller').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(bar(page, last)).toBeVisible();
  await page.getByRole('button', { name: 'What’s next' }).click();
  const item = page.locator('.lg-next__list li').nth(3);
  const picked = (await item.getAttribute('data-node')) ?? '';
  expect(schedule.nodes.findIndex((n) => n.id === picked)).toBeLessThan(10_000);
  await item.getByRole('button').click();
  await expect(bar(page, picked)).toBeVisible();
  await expect(bar(page, picked)).toHaveAttribute('aria-pressed', 'true');
  await expect(bar(page, last)).toHaveCount(0);
});

test('[PL4] timeline: a refused drag (a member who may only view) says why, stores nothing and puts the bar back', async ({
  page,
}) => {
  const invited = await rpc<{ member: { id: string }; token: string }>('member.invite', {
    username: 'viewer',
    email: 'viewer@example.com',
  });
  for (const n of Object.values(byTitle) as NodeRecord[])
    await rpc('access.grant', { node: n.id, member: invited.member.id, level: 3 });
  const url = new URL(serve.url);
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

test('[PL4] back from the timeline, the canvas centres on the node selected there, even one a large plan had off screen', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // A laid-out plan of 1,000 open nodes: it opens fitted, drawn by the overview layer, with no
  // card mounted.
  const plan = laidOutPlan(1000);
  const file = exportNativeJson({
    ...plan,
    nodes: plan.nodes.map((n, i) => ({ ...n, status: 0 as const, estimate: 1 + (i % 3) })),
  });
  await openImportedPlan(serve, file);
  const schedule = await rpc<ScheduleView>('plan.schedule');
  expect(schedule.nodes).toHaveLength(1000);

  await page.goto(serve.url);
  await expect(page.locator('canvas.lg-overview[data-active="true"]')).toHaveCount(1, {
    timeout: 60_000,
  });
  // The last row: far down the timeline, and not a card on the fitted canvas.
  const picked = schedule.nodes.at(-1)?.id ?? '';
  await expect(nodeCard(page, picked)).toHaveCount(0);
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  await expect(page.getByRole('toolbar', { name: 'Timeline controls' })).toContainText(
    '1,000 open nodes',
  );
  await page.locator('.lg-tl__scroller').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await bar(page, picked).click();
  await expect(bar(page, picked)).toHaveAttribute('aria-pressed', 'true');

  // Back to the canvas: the card is mounted, selected, and in the middle of the pane.
  await page.getByRole('button', { name: 'Timeline', exact: true }).click();
  const card = nodeCard(page, picked);
  await expect(card).toBeInViewport();
  await expect(card).toHaveClass(/selected/);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  await expect(nodePanel(page).getByRole('heading', { level: 2 })).toHaveText(
    (await stored(picked)).display_id,
  );
  const pane = await box(page.locator('.react-flow__pane'));
  const at = await box(card);
  expect(Math.abs(at.x + at.w / 2 - (pane.x + pane.w / 2))).toBeLessThan(40);
  expect(Math.abs(at.y + at.h / 2 - (pane.y + pane.h / 2))).toBeLessThan(40);
});
