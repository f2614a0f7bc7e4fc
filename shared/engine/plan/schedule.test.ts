/**
 * [PL2] [PL3] The schedule on small plans checked by hand. The calendar starts Monday
 * 2026-12-07, Monday to Friday, so working-day index k of the first week is 7 + k December.
 */
import { describe, expect, it } from 'vitest';
import { World } from '../test-support/world';
import { loadByWeek, scheduleOf, scheduleView, whatsNext, type Sees } from '../index';
import type { WorkspaceState } from '../state';

const TODAY = '2026-12-01';
const all: Sees = { node: () => true, link: () => true };

function plan(w: World, holidays: string[] = []) {
  w.run('calendar.set', { plan_start: '2026-12-07', holidays });
}

function view(state: WorkspaceState, sees = all) {
  const v = scheduleView(state, scheduleOf(state, TODAY), sees);
  const byId = new Map(v.nodes.map((n) => [n.id, n]));
  return { ...v, at: (id: string) => byId.get(id) ?? expect.fail(`no ${id} in the schedule`) };
}

describe('[PL2] schedule', () => {
  it('[PL2] a diamond: earliest and latest dates, slack, the critical path and its links', () => {
    const w = new World();
    plan(w);
    const a = w.node({ title: 'A', estimate: 2 });
    const b = w.node({ title: 'B', estimate: 3 });
    const c = w.node({ title: 'C', estimate: 1 });
    const d = w.node({ title: 'D', estimate: 2 });
    const ab = w.link(a, b);
    w.link(a, c);
    const bd = w.link(b, d);
    w.link(c, d);
    const v = view(w.state);
    expect(v.end).toBe(7);
    expect(v.end_date).toBe('2026-12-15');
    expect(v.at(a)).toMatchObject({ es: 0, ef: 2, start: '2026-12-07', finish: '2026-12-08' });
    expect(v.at(b)).toMatchObject({ es: 2, ef: 5, start: '2026-12-09', finish: '2026-12-11' });
    expect(v.at(d)).toMatchObject({ es: 5, ef: 7, start: '2026-12-14', finish: '2026-12-15' });
    expect(v.at(c)).toMatchObject({ es: 2, ef: 3, ls: 4, lf: 5, slack: 2, critical: false });
    expect(v.at(c).latest_finish).toBe('2026-12-11');
    expect(v.critical).toEqual([a, b, d]);
    expect(v.critical_links).toEqual([ab, bd].sort());
    expect(v.late).toEqual([]);
  });

  it('[PL2] parallel chains: the longer one is critical, the shorter one has the difference as slack', () => {
    const w = new World();
    plan(w);
    const x1 = w.node({ estimate: 3 });
    const x2 = w.node({ estimate: 3 });
    const y1 = w.node({ estimate: 1 });
    const y2 = w.node({ estimate: 1.5 });
    w.link(x1, x2);
    w.link(y1, y2);
    const v = view(w.state);
    expect(v.end).toBe(6);
    expect(v.critical).toEqual([x1, x2]);
    expect(v.at(y1)).toMatchObject({ ef: 1, lf: 4.5, slack: 3.5 });
    expect(v.at(y2)).toMatchObject({ es: 1, ef: 2.5, finish: '2026-12-09', slack: 3.5 });
  });

  it('[PL2] [PL1] holidays and working days move dates; a start date holds work back', () => {
    const w = new World();
    plan(w, ['2026-12-08', '2026-12-13']); // a Tuesday, and a Sunday (changes nothing)
    const a = w.node({ estimate: 3 });
    const s = w.node({ estimate: 1, start_date: '2026-12-12' }); // a Saturday
    let v = view(w.state);
    // Monday, (Tuesday off), Wednesday, Thursday.
    expect(v.at(a)).toMatchObject({ es: 0, ef: 3, start: '2026-12-07', finish: '2026-12-10' });
    // Work starts on the first working day on or after the start date: Monday the 14th.
    expect(v.at(s)).toMatchObject({ es: 4, ef: 5, start: '2026-12-14', finish: '2026-12-14' });
    // Four-day weeks (Monday–Thursday): the same work ends a week later.
    w.run('calendar.set', { working_days: [1, 2, 3, 4] });
    v = view(w.state);
    expect(v.at(s)).toMatchObject({ es: 3, start: '2026-12-14' });
    expect(v.at(a).finish).toBe('2026-12-10');
    w.run('calendar.set', { holidays: [] });
    expect(view(w.state).at(a).finish).toBe('2026-12-09');
  });

  it('[PL2] Completed work is done: it takes no time and holds nothing back; re-blocked work is open again', () => {
    const w = new World();
    plan(w);
    const a = w.node({ estimate: 2 });
    // A Completed middle that does not wait (dependent: false), so it stays Completed.
    const b = w.node({ estimate: 5, status: 3, dependent: false });
    const c = w.node({ estimate: 1 });
    w.link(a, b);
    w.link(b, c);
    let v = view(w.state);
    expect(v.nodes.map((n) => n.id)).not.toContain(b);
    expect(v.at(c)).toMatchObject({ es: 0, ef: 1 });
    expect(v.at(a)).toMatchObject({ es: 0, ef: 2, slack: 0 });
    // A Completed node that an unfinished task re-blocks [N2] is open work again.
    const d = w.node({ estimate: 2, status: 3 });
    const e = w.node({ estimate: 1 });
    w.link(e, d);
    expect(w.n(d).status).toBe(2);
    v = view(w.state);
    expect(v.at(d)).toMatchObject({ es: 1, ef: 3 });
    // Completing the blocker: it leaves the plan and the blocked node starts at once.
    w.run('node.update', { id: e, status: 3 });
    expect(w.n(d).status).toBe(3);
    w.run('node.update', { id: d, status: 0 });
    expect(view(w.state).at(d)).toMatchObject({ es: 0, ef: 2 });
  });

  it('[PL2] a due date that cannot be met: late by the difference, negative slack on its chain, that chain critical', () => {
    const w = new World();
    plan(w);
    const a = w.node({ estimate: 3 });
    const b = w.node({ estimate: 2, due_date: '2026-12-09' }); // must end Wednesday (index 3)
    const free = w.node({ estimate: 6 });
    w.link(a, b);
    const v = view(w.state);
    expect(v.at(b)).toMatchObject({ ef: 5, lf: 3, slack: -2, late_by: 2 });
    expect(v.at(a)).toMatchObject({ lf: 1, slack: -2 });
    expect(v.at(a).late_by).toBeUndefined();
    expect(v.at(free)).toMatchObject({ ef: 6, slack: 0, critical: false });
    expect(v.critical).toEqual([a, b]);
    expect(v.late).toEqual([{ id: b, late_by: 2 }]);
  });

  it('[PL2] incremental: an estimate change walks only the chain it is on', () => {
    const w = new World();
    plan(w);
    const chain = Array.from({ length: 10 }, () => w.node({ estimate: 1 }));
    for (let i = 1; i < chain.length; i++) w.link(chain[i - 1] as string, chain[i] as string);
    for (let i = 0; i < 200; i++) w.node({ estimate: 1 });
    const p = scheduleOf(w.state, TODAY);
    w.run('node.update', { id: chain[4] as string, estimate: 3 });
    // The node, the 5 after it (forward) and the 4 before it (backward), plus neighbours.
    expect(p.visits).toBeGreaterThanOrEqual(10);
    expect(p.visits).toBeLessThan(30);
    expect(view(w.state).at(chain[9] as string).ef).toBe(12);
    // A move changes nothing the schedule reads: nothing is recomputed.
    const version = p.version;
    w.run('node.update', { id: chain[4] as string, position: { x: 5, y: 5 } });
    expect(p.version).toBe(version);
    expect(p.visits).toBe(0);
  });
});

describe('[PL3] what is next, load', () => {
  it("[PL3] what's next: open unblocked work by least slack, then priority; filtered by assignee", () => {
    const w = new World();
    plan(w);
    const long1 = w.node({ title: 'long', estimate: 4, assignee: ['ann'] });
    const long2 = w.node({ estimate: 4 });
    const short = w.node({ title: 'short', estimate: 1, priority: 2, assignee: ['Bob'] });
    const urgent = w.node({ title: 'urgent', estimate: 1, priority: 9, assignee: ['bob'] });
    const done = w.node({ estimate: 1, status: 3 });
    w.link(long1, long2);
    const p = scheduleOf(w.state, TODAY);
    const ids = whatsNext(p, {}, all).map((i) => i.id);
    // long2 is Blocked, done is Completed; the two short ones share slack 7: priority first.
    expect(ids).toEqual([long1, urgent, short]);
    expect(ids).not.toContain(done);
    expect(whatsNext(p, { assignee: 'BOB' }, all).map((i) => i.node.title)).toEqual([
      'urgent',
      'short',
    ]);
    expect(whatsNext(p, { limit: 1 }, all)).toHaveLength(1);
    // A member is told only about what they see.
    const seesShort: Sees = { node: (id) => id === short, link: () => false };
    expect(whatsNext(p, {}, seesShort).map((i) => i.id)).toEqual([short]);
  });

  it('[PL3] load per assignee per week: working days of scheduled work, unassigned apart', () => {
    const w = new World();
    plan(w, ['2026-12-15']);
    const a = w.node({ estimate: 7, assignee: ['ann', 'bob'] });
    const b = w.node({ estimate: 2.5, assignee: ['ann'] });
    w.node({ estimate: 1 });
    w.link(a, b);
    const load = loadByWeek(scheduleOf(w.state, TODAY), { weeks: 3 }, all);
    expect(load.weeks).toEqual(['2026-12-07', '2026-12-14', '2026-12-21']);
    expect(load.capacity).toEqual([5, 4, 5]);
    // a: 5 days in week 1, 2 in week 2 (the 15th is off); b: 2 in week 2, 0.5 in week 3.
    expect(load.rows).toEqual([
      { assignee: 'ann', load: [5, 4, 0.5], total: 9.5 },
      { assignee: 'bob', load: [5, 2, 0], total: 7 },
      { assignee: null, load: [1, 0, 0], total: 1 },
    ]);
    expect(loadByWeek(scheduleOf(w.state, TODAY), { weeks: 3, assignee: 'Bob' }, all).rows).toEqual(
      [{ assignee: 'bob', load: [5, 2, 0], total: 7 }],
    );
  });
});
