import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NodeRecord } from '../model/types';
import { exportGantt } from './gantt-export';
import { printable } from './text';
import { node } from './test-support/fixtures';
import { PLAN_CALENDAR, planGraph, withSchedule } from './test-support/plan-fixture';
import { loadMermaidGantt, mermaidText, type MermaidGantt } from './test-support/tools';

let parse: (text: string) => Promise<MermaidGantt>;
beforeAll(async () => {
  parse = await loadMermaidGantt();
}, 60_000);

/** What Mermaid shows for a text: placeholders decoded, without the spaces it keeps. */
const shown = (text: string) => mermaidText(text).trim();
const expectedText = (title: string) =>
  printable(title)
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
const dayAfter = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

describe("[PL5] Mermaid gantt export of the schedule parses with Mermaid's own parser", () => {
  it('[PL5] every scheduled task with the schedule’s exact dates, ids, sections and tags', async () => {
    const graph = withSchedule(planGraph());
    const schedule = graph.schedule;
    if (!schedule) throw new Error('no schedule');
    const chart = await parse(exportGantt(graph));
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));

    expect(shown(chart.title)).toBe('Release: plan; #1');
    expect(chart.excludes).toEqual(['saturday', 'sunday', '2026-12-09']);
    // One task per open node, plus the Completed node that carries planning fields.
    expect(chart.tasks).toHaveLength(schedule.nodes.length + 1);
    for (const s of schedule.nodes) {
      const rec = byId.get(s.id) as NodeRecord;
      const t = chart.tasks.find((x) => x.id === rec.display_id);
      expect(t?.id, rec.display_id).toBe(rec.display_id);
      expect(shown(t?.task ?? '')).toBe(expectedText(rec.title) || rec.display_id);
      expect(shown(t?.section ?? '')).toBe(rec.assignee?.join(', ') ?? 'Unassigned');
      expect(t?.start).toBe(s.start);
      // inclusiveEndDates: the finish day is the last day; Mermaid keeps the day after.
      expect(t?.end).toBe(dayAfter(s.finish));
      expect(t?.crit).toBe(s.critical);
      expect(t?.active).toBe(rec.status === 1);
      expect(t?.milestone).toBe(s.ef === s.es);
      expect(t?.done).toBe(false);
    }
    // The chain on the calendar: Wednesday 9 December is a holiday, C is late and critical.
    const task = (id: string) => chart.tasks.find((x) => x.id === id);
    expect(task('TASK-1')).toMatchObject({ start: '2026-12-07', end: '2026-12-11', crit: true });
    expect(task('TASK-2')).toMatchObject({ start: '2026-12-11', end: '2026-12-15', crit: true });
    expect(task('TASK-3')).toMatchObject({ start: '2026-12-15', end: '2026-12-16', crit: true });
    expect(task('TASK-4')).toMatchObject({ active: true, crit: false, section: 'Unassigned' });
    expect(task('TASK-5')).toMatchObject({ milestone: true, start: '2026-12-07' });
    // Completed work: done, from its start date to the day it was last edited.
    expect(task('TASK-6')).toMatchObject({
      done: true,
      start: '2026-11-02',
      end: '2026-11-21',
      crit: false,
    });
    // Hostile titles and assignees made no section, title or task of their own.
    expect(chart.sections.map(shown)).toEqual([
      'Unassigned', // first: the done task of November
      'ann',
      'ann: #1; %% x',
      'Bo, "B"',
      'section y',
      'ann, bob',
    ]);
  });

  it('[PL5] a plan with no open work is a valid empty chart; the default calendar excludes weekends', async () => {
    const graph = withSchedule({ ...planGraph(), nodes: [], links: [], calendar: undefined });
    const text = exportGantt(graph);
    const chart = await parse(text);
    expect(chart.tasks).toEqual([]);
    expect(chart.excludes).toEqual(['saturday', 'sunday']);
    expect(PLAN_CALENDAR.working_days).toEqual([1, 2, 3, 4, 5]);
  });

  it('[PL5] arbitrary titles (any code points) parse, read back as themselves and keep their dates', async () => {
    const titles = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), {
      numRuns: 100,
      seed: 15,
    });
    const base = planGraph();
    const graph = withSchedule({
      ...base,
      nodes: titles.map((title, i) =>
        node(i, { title, display_id: `TASK-${i}`, estimate: (i % 4) / 2 }),
      ),
      links: [],
    });
    const chart = await parse(exportGantt(graph));
    expect(chart.tasks).toHaveLength(titles.length);
    for (const [i, title] of titles.entries()) {
      const t = chart.tasks.find((x) => x.id === `TASK-${i}`);
      expect(shown(t?.task ?? '')).toBe(expectedText(title) || `TASK-${i}`);
      expect(t?.start).toBe('2026-12-07');
    }
  });

  it('[PL5] a display id Mermaid could misread becomes a plain id, once each', async () => {
    const base = planGraph();
    const ids = ['crit', 'TASK 1', 'TASK-1', 'TASK-1', '1abc'];
    const graph = withSchedule({
      ...base,
      nodes: ids.map((display_id, i) => node(i, { display_id, estimate: 1 })),
      links: [],
    });
    const chart = await parse(exportGantt(graph));
    expect(chart.tasks.map((t) => t.id).sort()).toEqual(['TASK-1', 't0', 't1', 't2', 't3']);
  });
});
