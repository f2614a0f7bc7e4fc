import { describe, expect, it } from 'vitest';
import { World } from '../../shared/engine/test-support/world';
import { scheduleOf, scheduleView } from '../../shared/engine/plan/plan-queries';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { arrowPath } from './TimelineArrows';
import { commitDrop, dragText, previewSpan } from './bar-drag';
import { barSpan, dateOf } from './timeline-geometry';
import { timelineModel } from './timeline-model';

const TODAY = '2030-02-20';

/** The engine's own answer for a World, and the records the renderer would hold. */
function answer(w: World) {
  const view = scheduleView(w.state, scheduleOf(w.state, TODAY), {
    node: () => true,
    link: () => true,
  });
  const nodes = new Map<string, NodeRecord>([...w.state.nodes].map(([id, e]) => [id, e.rec]));
  const links = new Map<string, LinkRecord>([...w.state.links].map(([id, e]) => [id, e.rec]));
  return timelineModel(view, nodes, links, new Map(), TODAY);
}

describe('timelineModel', () => {
  it('[PL4] rows in the schedule’s order, arrows from blocker to blocked along primary links only, dates for the axis', () => {
    const w = new World();
    w.run('calendar.set', { plan_start: '2030-03-04' });
    const child = w.node({ title: 'Child', estimate: 2 });
    const parent = w.node({ title: 'Parent', estimate: 1, due_date: '2030-03-29' });
    const after = w.node({ title: 'After', estimate: 1 });
    const done = w.node({ title: 'Done', estimate: 5 });
    const aside = w.node({ title: 'Aside', estimate: 1 });
    // is_parent_of: the parent (source) waits for its child (target) — the blocker is the target.
    const family = w.link(parent, child, { link_type: 'is_parent_of' });
    const next = w.link(parent, after);
    w.link(after, aside, { type: 1 }); // secondary: no arrow
    const gone = w.link(child, done);
    w.run('link.trash', { id: gone });
    w.run('node.update', { id: done, status: 3 }); // Completed: no row, no arrow

    const m = answer(w);
    const titles = m.rows.map((r) => w.n(r.id).title);
    // By earliest start: Child and Aside (a secondary link holds nothing back) at 0, then
    // Parent after its child, After after its parent; Done is not open.
    expect(new Set(titles.slice(0, 2))).toEqual(new Set(['Child', 'Aside']));
    expect(titles.slice(2)).toEqual(['Parent', 'After']);
    expect(m.rows.map((r) => m.rowOf.get(r.id))).toEqual(m.rows.map((_, i) => i));
    const byId = new Map(m.arrows.map((a) => [a.id, a]));
    expect([...byId.keys()].sort()).toEqual([family, next].sort());
    expect(byId.get(family)).toMatchObject({
      from: m.rowOf.get(child),
      to: m.rowOf.get(parent),
      critical: true,
    });
    expect(byId.get(next)).toMatchObject({ from: m.rowOf.get(parent), to: m.rowOf.get(after) });
    expect(m.dates).toEqual(['2030-03-04', '2030-03-07', TODAY, '2030-03-29']);
    // The bar of After: day 3 (Thursday) to its end, on the engine's calendar.
    const a = m.rows[m.rowOf.get(after) ?? -1];
    const axis = { origin: m.days.start, days: 30, dayWidth: 10 };
    expect(dateOf(m.days.startDay(a?.es ?? -1))).toBe('2030-03-07');
    expect(barSpan(m.days, axis, a?.es ?? 0, a?.ef ?? 0)).toEqual({ x0: 30, x1: 40 });
  });

  it('[PL4] arrows: an elbow when there is room, onto the bar’s top when it starts at the blocker’s end, around when earlier', () => {
    expect(arrowPath({ x1: 10, y1: 15, x2: 50, y2: 45 } as never, 30, 16)).toBe('M10,15H16V45H50');
    expect(arrowPath({ x1: 10, y1: 15, x2: 10, y2: 75 } as never, 30, 16)).toBe('M10,15H16V67');
    expect(arrowPath({ x1: 10, y1: 75, x2: 10, y2: 15 } as never, 30, 16)).toBe('M10,75H16V23');
    expect(arrowPath({ x1: 40, y1: 15, x2: 10, y2: 45 } as never, 30, 16)).toBe(
      'M40,15h6V30H4V45H10',
    );
  });
});

describe('a drag of a bar', () => {
  it('[PL4] is drawn where it would land, says what it would set, and a drop that lands where it was makes no command', () => {
    const w = new World();
    w.run('calendar.set', { plan_start: '2030-03-04' });
    const a = w.node({ title: 'A', estimate: 2 });
    const m = answer(w);
    const s = m.rows[0];
    if (!s) throw new Error('no row');
    const axis = { origin: m.days.start, days: 30, dayWidth: 10 };
    const rec = w.n(a);
    // The end two days later: 4 days, Mon–Thu.
    const end = { id: a, mode: 'end' as const, dx: 20 };
    expect(previewSpan(m, axis, s, end)).toEqual({ x0: 0, x1: 40 });
    expect(dragText(end, s, m, axis, 2030)).toBe('4 days');
    // The bar five days later lands on Saturday: drawn from Monday the 11th, two days long.
    const move = { id: a, mode: 'move' as const, dx: 50 };
    expect(previewSpan(m, axis, s, move)).toEqual({ x0: 70, x1: 90 });
    expect(dragText(move, s, m, axis, 2030)).toBe('start Mar 11');
    // Another bar's drag, or none: the schedule's span.
    expect(previewSpan(m, axis, s, { ...move, id: 'other' })).toEqual({ x0: 0, x1: 20 });
    expect(previewSpan(m, axis, s, null)).toEqual({ x0: 0, x1: 20 });
    // Dropped within the same half day, or the same start day: nothing to send.
    expect(commitDrop(m, axis, s, rec, 'end', 2)).toBeNull();
    expect(commitDrop(m, axis, s, rec, 'move', 4)).toBeNull();
  });
});
