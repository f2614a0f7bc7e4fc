/**
 * [PL5] The plan's exports from the editor's Export menu, as a person downloads them: the
 * Mermaid gantt chart and the iCalendar file hold the plan's tasks with the dates the schedule
 * gives them (plan.schedule, asked of the same server).
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { ScheduleView } from '../shared/engine/plan/plan-queries';
import type { NodeRecord } from '../shared/model/types';
import { api, graph } from './support/api';
import { startServe, type ServeHandle } from './support/serve-process';

let serve: ServeHandle;
let byTitle: Record<string, NodeRecord>;

const rpc = <T>(method: string, params?: unknown) =>
  api<{ value: T }>(serve, 'POST', `/rpc/${method}`, params).then((r) => r.value);
const named = (title: string) => byTitle[title] as NodeRecord;

test.beforeEach(async () => {
  serve = await startServe();
  byTitle = Object.fromEntries((await graph(serve)).nodes.map((n) => [n.title, n]));
  await rpc('calendar.set', { plan_start: '2030-03-04', holidays: ['2030-03-06'] });
  const set = (title: string, fields: Record<string, unknown>) =>
    rpc('node.update', { id: named(title).id, ...fields });
  await set('Design the schema', { estimate: 2, assignee: ['Ann Lee'] });
  await set('Build the API', { estimate: 3, assignee: ['root'] });
  await set('Ship the editor', { estimate: 1, due_date: '2030-03-08' });
  await set('Write the guide', { estimate: 1, assignee: ['Ann Lee'], due_date: '2030-03-20' });
});
test.afterEach(async () => {
  await serve.stop();
});

/** Chooses an Export menu item with the mouse; answers the file's name and text. */
async function exportVia(page: Page, item: string): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menu', { name: 'Export as' }).getByRole('menuitem', { name: item }).click(),
  ]);
  return {
    name: download.suggestedFilename(),
    text: await readFile(await download.path(), 'utf8'),
  };
}

test('[PL5] the Export menu downloads the plan as a Mermaid gantt chart and an iCalendar file', async ({
  page,
}) => {
  await page.goto(serve.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  const schedule = await rpc<ScheduleView>('plan.schedule');
  const planned = (title: string) => {
    const s = schedule.nodes.find((n) => n.id === named(title).id);
    if (!s) throw new Error(`${title} is not scheduled`);
    return s;
  };

  const gantt = await exportVia(page, 'Mermaid gantt (plan)');
  expect(gantt.name).toMatch(/\.gantt\.mmd$/);
  expect(gantt.text.startsWith('gantt\n')).toBe(true);
  expect(gantt.text).toContain('  excludes saturday, sunday, 2030-03-06\n');
  for (const title of [
    'Design the schema',
    'Build the API',
    'Ship the editor',
    'Write the guide',
  ]) {
    const s = planned(title);
    // The starter's "Design the schema" is InProgress: `active`.
    const tags = `${s.critical ? 'crit, ' : ''}${named(title).status === 1 ? 'active, ' : ''}`;
    expect(gantt.text).toContain(
      `    ${title} : ${tags}${named(title).display_id}, ${s.start}, ${s.finish}\n`,
    );
  }
  expect(gantt.text).toContain('  section Ann Lee\n');
  // Design (Mon 4, Tue 5) → API (Thu 7, Fri 8, Mon 11: Wednesday is a holiday) → Editor.
  expect(planned('Build the API')).toMatchObject({ start: '2030-03-07', finish: '2030-03-11' });

  const ics = await exportVia(page, 'iCalendar (plan)');
  expect(ics.name).toMatch(/\.ics$/);
  expect(ics.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  const unfolded = ics.text.replace(/\r\n /g, '');
  for (const title of [
    'Design the schema',
    'Build the API',
    'Ship the editor',
    'Write the guide',
  ]) {
    const rec = named(title);
    const day = planned(title).finish.replace(/-/g, '');
    expect(unfolded).toContain(`UID:${rec.id}-finish@linkgraph\r\nDTSTAMP:`);
    expect(unfolded).toMatch(
      new RegExp(
        `DTSTART;VALUE=DATE:${day}\\r\\nDTEND;VALUE=DATE:\\d{8}\\r\\nSUMMARY:Finish: ${rec.display_id} ${title}\\r\\n`,
      ),
    );
  }
  expect(unfolded).toContain(`UID:${named('Ship the editor').id}-due@linkgraph\r\n`);
  expect(unfolded).toContain(
    'DTSTART;VALUE=DATE:20300308\r\nDTEND;VALUE=DATE:20300309\r\nSUMMARY:Due: ',
  );
});
