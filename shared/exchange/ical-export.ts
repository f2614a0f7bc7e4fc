/**
 * [PL5] iCalendar (RFC 5545) export of the plan: the due dates and the scheduled finishes the
 * engine computed (`graph.schedule`, the `plan.schedule` answer for the member exporting).
 *
 * - All-day VEVENTs (`DTSTART;VALUE=DATE`, `DTEND` the next day), not VTODOs: calendar apps
 *   show events on their day everywhere, while VTODO support is patchy (Google Calendar
 *   ignores them) and a VTODO has one DUE where a node has two dates.
 * - Per open node (neither Completed nor in trash): a "Due" event on its due date, if it has
 *   one, and a "Finish" event on the day the schedule finishes it. Completed work has neither.
 * - UIDs are stable per node and kind (`<node id>-due@linkgraph`, `-finish@`), so a calendar
 *   that subscribes to or re-imports the file updates the events rather than adding copies.
 * - DTSTAMP is the node's last edit (RFC 5545 3.8.7.2: without a METHOD, when the information
 *   was last revised), which keeps the export pure and repeatable.
 * - TEXT values escape `\ ; ,` and line breaks; lines end CRLF and fold at 75 octets (never
 *   inside a UTF-8 sequence).
 */
import type { ScheduledNode } from '../engine/plan/plan-queries';
import type { NodeRecord } from '../model/types';
import { joinPieces, PIECE_CHARS, type Pieces } from './pieces';
import { printable, TextBuilder } from './text';
import type { ExchangeGraph } from './types';

/** A TEXT property value (RFC 5545 3.3.11). */
export function icalText(value: string): string {
  return printable(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** UTF-8 octets of one code point (text is `printable`: no lone surrogates). */
const octetsOf = (code: number): number =>
  code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;

/**
 * One content line with its CRLF, folded (RFC 5545 3.1) so that no line, the space opening
 * a continuation included, is longer than 75 octets.
 */
export function foldLine(line: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII is one octet per character
  if (line.length <= 75 && /^[\u0000-\u007f]*$/.test(line)) return `${line}\r\n`;
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const size = octetsOf(ch.codePointAt(0) as number);
    if (octets + size > 75) {
      out += '\r\n ';
      octets = 1;
    }
    out += ch;
    octets += size;
  }
  return `${out}\r\n`;
}

/** `YYYY-MM-DD` → `YYYYMMDD`. */
const basicDate = (date: string): string => date.replace(/-/g, '');

/** The day after `date`, as `YYYYMMDD` (DTEND of an all-day event is exclusive). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return basicDate(d.toISOString().slice(0, 10));
}

/** An ISO time → the UTC form `YYYYMMDDTHHMMSSZ`. */
function utcStamp(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

const days = (n: number): string => `${Number(n.toFixed(2))} working day${n === 1 ? '' : 's'}`;

function description(rec: NodeRecord, s: ScheduledNode): string {
  const lines = [`Scheduled ${s.start} to ${s.finish}`];
  if (s.late_by !== undefined) lines.push(`Late by ${days(s.late_by)}`);
  else lines.push(`Slack ${days(s.slack)}`);
  if (s.critical) lines.push('On the critical path');
  if (rec.assignee?.length) lines.push(`Assignee: ${rec.assignee.join(', ')}`);
  if (rec.estimate !== undefined) lines.push(`Estimate: ${days(rec.estimate)}`);
  return lines.join('\n');
}

/** A node's two events share what is said of it, worded when the first is written. */
interface Planned {
  rec: NodeRecord;
  s: ScheduledNode;
  about?: { name: string; stamp: string; description: string };
}

/** One VEVENT: sorted by day, then UID, before anything of it is worded. */
interface Event {
  uid: string;
  date: string;
  kind: 'due' | 'finish';
  planned: Planned;
}

/** What the events of `planned` say (made once per node, as its first event is written). */
function wording(planned: Planned): NonNullable<Planned['about']> {
  if (planned.about === undefined) {
    const { rec, s } = planned;
    planned.about = {
      name: `${rec.display_id} ${rec.title}`,
      stamp: utcStamp(rec.last_edited_time),
      description: description(rec, s),
    };
  }
  return planned.about;
}

/**
 * [PL5] The plan in `graph.schedule` as an iCalendar file (see the file comment). Only the
 * events' order is settled before the first piece; each event is worded as it is written.
 */
export function* icalPieces(graph: ExchangeGraph, pieceChars = PIECE_CHARS): Pieces {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const events: Event[] = [];
  for (const s of graph.schedule?.nodes ?? []) {
    const rec = byId.get(s.id);
    if (!rec || rec.in_trash || rec.status === 3) continue;
    const planned: Planned = { rec, s };
    if (rec.due_date !== undefined) {
      events.push({ uid: `${rec.id}-due@linkgraph`, date: rec.due_date, kind: 'due', planned });
    }
    events.push({ uid: `${rec.id}-finish@linkgraph`, date: s.finish, kind: 'finish', planned });
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : 1));
  const out = new TextBuilder(pieceChars);
  const line = (text: string) => out.push(foldLine(text));
  line('BEGIN:VCALENDAR');
  line('VERSION:2.0');
  line('PRODID:-//Linkgraph//Plan export//EN');
  line('CALSCALE:GREGORIAN');
  if (graph.name !== undefined) line(`X-WR-CALNAME:${icalText(graph.name)}`);
  // A plan's events fall on a few hundred days: each day's two forms are made once.
  const dayLines = new Map<string, string>();
  const daysOf = (date: string): string => {
    let lines = dayLines.get(date);
    if (lines === undefined) {
      lines = `DTSTART;VALUE=DATE:${basicDate(date)}\r\nDTEND;VALUE=DATE:${nextDay(date)}\r\n`;
      dayLines.set(date, lines);
    }
    return lines;
  };
  for (const e of events) {
    const about = wording(e.planned);
    const due = e.kind === 'due';
    // One string per event (the fixed lines are short ASCII, never folded): 250,000 small
    // strings fewer per 100,000 nodes for the garbage collector.
    out.push(
      'BEGIN:VEVENT\r\n' +
        foldLine(`UID:${e.uid}`) +
        `DTSTAMP:${about.stamp}\r\n` +
        daysOf(e.date) +
        foldLine(`SUMMARY:${icalText(`${due ? 'Due' : 'Finish'}: ${about.name}`)}`) +
        foldLine(`DESCRIPTION:${icalText(about.description)}`) +
        (due ? 'CATEGORIES:Due\r\n' : 'CATEGORIES:Scheduled finish\r\n') +
        'TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n',
    );
    if (out.full) yield out.take();
  }
  line('END:VCALENDAR');
  yield out.take();
}

export const exportIcal = (graph: ExchangeGraph): string => joinPieces(icalPieces(graph));
