/**
 * [PL5] A small plan for the schedule exports, with its schedule computed by the engine (as
 * the service does for `export {format: gantt | ics}`), hostile titles and assignees included.
 */
import { fromSnapshot, scheduleOf, scheduleView } from '../../engine';
import type { NodeRecord, WorkCalendar } from '../../model/types';
import type { ExchangeGraph } from '../types';
import { OWNER, link, node } from './fixtures';

/** Titles and names that try to break out of a Mermaid gantt line or an iCalendar value. */
export const HOSTILE_PLAN_TITLES = [
  'section Evil',
  'title Pwned',
  'click TASK-1 call alert(1)',
  '2026-01-01 starts like a date',
  'key: value; more: yes',
  '%% a comment',
  '100% done',
  'crit',
  '#58; already an entity #35;',
  'excludes weekends',
  'dateFormat X',
  'two\nlines\r\nthree',
  'back\\slash, comma; semicolon',
  '<b>bold</b> & "quoted"',
  ' ',
  'Emoji \u{1F680} ünïcødé 中文 and a long title that needs folding in iCalendar',
];

export const PLAN_CALENDAR: WorkCalendar = {
  plan_start: '2026-12-07', // a Monday
  working_days: [1, 2, 3, 4, 5],
  holidays: ['2026-12-09'],
};

/**
 * A chain A (3d) → B (2d) → C (1d, due too early: late), an InProgress side task, a
 * milestone, Completed work with an estimate, and one task per hostile title, each under
 * hostile assignees in turn.
 */
export function planGraph(): ExchangeGraph {
  const nodes: NodeRecord[] = [
    node(1, { title: 'Design', estimate: 3, assignee: ['ann'], display_id: 'TASK-1' }),
    node(2, { title: 'Build', estimate: 2, assignee: ['ann', 'bob'], display_id: 'TASK-2' }),
    node(3, { title: 'Ship', estimate: 1, due_date: '2026-12-11', display_id: 'TASK-3' }),
    node(4, { title: 'Review', estimate: 1.5, status: 1, display_id: 'TASK-4' }),
    node(5, { title: 'Kick-off', estimate: 0, display_id: 'TASK-5' }),
    node(6, {
      title: 'Old work',
      estimate: 2,
      status: 3,
      start_date: '2026-11-02',
      last_edited_time: '2026-11-20T10:00:00.000Z',
      display_id: 'TASK-6',
    }),
  ];
  const hostileNames = ['ann: #1; %% x', 'Bo, "B"', 'section y'];
  HOSTILE_PLAN_TITLES.forEach((title, i) => {
    nodes.push(
      node(10 + i, {
        title,
        estimate: 1,
        display_id: `TASK-${10 + i}`,
        due_date: '2026-12-18',
        ...(i % 2 === 0 ? { assignee: [hostileNames[(i / 2) % 3] as string] } : {}),
      }),
    );
  });
  const n = (i: number) => node(i).id;
  return {
    name: 'Release: plan; #1',
    nodes,
    links: [link(1, n(1), n(2)), link(2, n(2), n(3))],
    custom_link_types: [],
    members: [OWNER],
    owner: OWNER.id,
    grants: [],
    calendar: PLAN_CALENDAR,
  };
}

/** The graph with the schedule the engine computes for it (everything visible). */
export function withSchedule(graph: ExchangeGraph, today = '2026-12-01'): ExchangeGraph {
  const state = fromSnapshot({
    format: 'linkgraph.workspace',
    version: 1,
    owner: graph.owner,
    members: graph.members,
    nodes: graph.nodes,
    resume_status: {},
    links: graph.links,
    link_types: graph.custom_link_types,
    grants: graph.grants,
    counters: { TASK: 100, LNK: 100 },
    history: { limit: 100, batches: [], undone: [] },
    ...(graph.calendar ? { calendar: graph.calendar } : {}),
  });
  if (!state.ok) throw new Error(state.error.message);
  const plan = scheduleOf(state.value, today);
  const all = { node: () => true, link: () => true };
  // Statuses as the engine set them (B and C are Blocked by their open blockers).
  const nodes = graph.nodes.map((r) => state.value.nodes.get(r.id)?.rec ?? r);
  return { ...graph, nodes, schedule: scheduleView(state.value, plan, all) };
}
