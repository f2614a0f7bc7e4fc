/**
 * [PL5] Mermaid `gantt` export of the schedule the engine computed (`graph.schedule`, the
 * `plan.schedule` answer for the member exporting); nothing here computes a date.
 *
 * - Every task has explicit dates from the schedule: its start day and, with
 *   `inclusiveEndDates`, its finish day (the last day it occupies). Mermaid then draws exactly
 *   the plan; `after` would make Mermaid re-schedule with its own rules (calendar days, no
 *   start dates, no holidays). The calendar's non-working weekdays and holidays are `excludes`
 *   (shaded; with explicit end dates Mermaid moves nothing).
 * - Task ids are display ids (`TASK-12`); an id Mermaid could misread (a tag word, a character
 *   outside letters, digits, `_` and `-`, or one seen before) becomes `t<index>`.
 * - Sections by assignee: one per set of assignees (`ann, bob`), `Unassigned` for none, in
 *   the order of their first task; tasks by start day, then display id.
 * - Tags: `crit` on the critical path, `active` for InProgress work, `milestone` for work of
 *   no length (no estimate). Completed work is not scheduled (it takes no time); a Completed
 *   node with a planning field is shown `done` on the day it was last edited (when it was
 *   marked Completed, unless edited since), from its start date if that is earlier.
 * - Text: Mermaid's lexer ends a task title at `:`, reads `#…;` as an entity, `%` as a
 *   comment and a line starting with a keyword (`section`, `title`, `click`, a date…) as that
 *   keyword. So line breaks become spaces and `# : ; %` are written as entity codes
 *   (`#58;`), which Mermaid shows as the character; a title starting with a keyword has its
 *   first character written as an entity code too.
 */
import type { ScheduledNode } from '../engine/plan/plan-queries';
import type { NodeRecord } from '../model/types';
import { joinPieces, PIECE_CHARS, RECORDS_PER_TURN, type Pieces } from './pieces';
import { printable, TextBuilder } from './text';
import type { ExchangeGraph } from './types';

const WEEKDAYS = ['', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const TAG_WORDS = new Set(['active', 'done', 'crit', 'milestone', 'vert']);
const SPECIAL = /[#:;%]/g;
/** Starts the lexer would read as something other than task text (case-insensitive). */
const KEYWORD_START =
  /^(?:href|call|click|gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|weekend|title|section|acctitle|accdescr|\d{4}-\d\d-\d\d)/i;

/** Text Mermaid's gantt shows as exactly `value` (line breaks and tabs become spaces, trimmed). */
export function ganttText(value: string): string {
  const text = printable(value)
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
  const escaped = text.replace(SPECIAL, (c) => `#${c.charCodeAt(0)};`);
  if (!KEYWORD_START.test(escaped)) return escaped;
  // The first character is an ASCII letter or digit here (the keywords' first characters).
  return `#${escaped.charCodeAt(0)};${escaped.slice(1)}`;
}

interface Task {
  rec: NodeRecord;
  start: string;
  finish: string;
  tags: string[];
}

const dayOfTime = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

function sectionOf(rec: NodeRecord): string {
  return rec.assignee?.length ? rec.assignee.join(', ') : 'Unassigned';
}

/** The chart's tasks in order, into `tasks`; yields a turn for the API now and then. */
function* tasksOf(graph: ExchangeGraph, tasks: Task[]): Generator<''> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const scheduled: ScheduledNode[] = graph.schedule?.nodes ?? [];
  let seen = 0;
  for (const s of scheduled) {
    if (++seen % RECORDS_PER_TURN === 0) yield '';
    const rec = byId.get(s.id);
    if (!rec || rec.in_trash) continue;
    const tags: string[] = [];
    if (s.critical) tags.push('crit');
    if (rec.status === 1) tags.push('active');
    if (s.ef <= s.es) tags.push('milestone');
    tasks.push({ rec, start: s.start, finish: s.finish, tags });
  }
  for (const rec of graph.nodes) {
    if (++seen % RECORDS_PER_TURN === 0) yield '';
    const planned =
      rec.estimate !== undefined || rec.start_date !== undefined || rec.due_date !== undefined;
    if (rec.status !== 3 || rec.in_trash || !planned) continue;
    const finish = dayOfTime(rec.last_edited_time);
    const start = rec.start_date !== undefined && rec.start_date < finish ? rec.start_date : finish;
    tasks.push({ rec, start, finish, tags: ['done'] });
  }
  const id = (t: Task) => t.rec.display_id;
  yield '';
  tasks.sort(
    (a, b) =>
      (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
      (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0),
  );
}

/** [PL5] The schedule in `graph.schedule` as a Mermaid gantt chart (see the file comment). */
export function* ganttPieces(graph: ExchangeGraph, pieceChars = PIECE_CHARS): Pieces {
  const out = new TextBuilder(pieceChars);
  out.push('gantt\n');
  out.push(`  title ${ganttText(graph.name ?? 'Plan') || 'Plan'}\n`);
  out.push('  dateFormat YYYY-MM-DD\n  inclusiveEndDates\n');
  const cal = graph.schedule?.calendar;
  if (cal) {
    const off = [1, 2, 3, 4, 5, 6, 7]
      .filter((d) => !cal.working_days.includes(d))
      .map((d) => WEEKDAYS[d] as string);
    const excluded = [...off, ...cal.holidays];
    // One line per 200 holidays keeps lines a sensible length.
    for (let i = 0; i < excluded.length; i += 200) {
      out.push(`  excludes ${excluded.slice(i, i + 200).join(', ')}\n`);
    }
  }
  const tasks: Task[] = [];
  yield* tasksOf(graph, tasks);
  const sections = new Map<string, Task[]>();
  for (const t of tasks) {
    const key = sectionOf(t.rec);
    let list = sections.get(key);
    if (!list) sections.set(key, (list = []));
    list.push(t);
  }
  const used = new Set<string>();
  let index = 0;
  for (const [name, tasks] of sections) {
    out.push(`  section ${ganttText(name) || 'Unassigned'}\n`);
    for (const t of tasks) {
      let id = t.rec.display_id;
      if (!/^[A-Za-z][\w-]*$/.test(id) || TAG_WORDS.has(id.toLowerCase()) || used.has(id)) {
        do id = `t${index++}`;
        while (used.has(id));
      }
      used.add(id);
      const text = ganttText(t.rec.title) || ganttText(t.rec.display_id);
      const data = [...t.tags, id, t.start, t.finish].join(', ');
      out.push(`    ${text} : ${data}\n`);
      if (out.full) yield out.take();
    }
  }
  yield out.take();
}

export const exportGantt = (graph: ExchangeGraph): string => joinPieces(ganttPieces(graph));
