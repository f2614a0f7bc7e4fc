/**
 * Where things go on the timeline ([PL4]), as pure functions: which rows and arrows are in
 * view (virtualisation), where a bar lies on a calendar-day axis, and which field value a
 * drag means. The schedule itself (es, ef, critical, late) always comes from the service's
 * `plan.schedule`; dates and working days are turned into each other by the engine's own
 * calendar arithmetic (`WorkDays`), never restated here.
 */
import { dateOf, dayOf, WorkDays } from '../../shared/engine/plan/work-calendar';
import type { WorkCalendar } from '../../shared/model/types';

/** The rows to put in the DOM: [first, end), with `overscan` rows either side of the view. */
export interface RowWindow {
  first: number;
  end: number;
}

export function rowWindow(
  scrollTop: number,
  height: number,
  rowHeight: number,
  count: number,
  overscan = 4,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const bottom = Math.ceil((scrollTop + Math.max(0, height)) / rowHeight) + overscan;
  const first = Math.min(top, count);
  return { first, end: Math.max(first, Math.min(count, bottom)) };
}

/** A dependency arrow between two rows: from the blocker's finish to the blocked start. */
export interface RowArrow {
  id: string;
  from: number;
  to: number;
}

/**
 * The arrows with any part in the rows [first, end): one end inside, or passing through
 * (an arrow from row 3 to row 9,000 crosses every row between).
 */
export function arrowsInWindow<A extends RowArrow>(arrows: readonly A[], win: RowWindow): A[] {
  const out: A[] = [];
  for (const a of arrows) {
    const lo = a.from < a.to ? a.from : a.to;
    const hi = a.from < a.to ? a.to : a.from;
    if (lo < win.end && hi >= win.first) out.push(a);
  }
  return out;
}

/** The day axis: x = 0 at the start of day `origin`, `dayWidth` pixels per calendar day. */
export interface DayAxis {
  origin: number;
  days: number;
  dayWidth: number;
}

export const dayX = (axis: DayAxis, day: number): number => (day - axis.origin) * axis.dayWidth;

/** The engine's calendar arithmetic for the calendar `plan.schedule` answered with. */
export const workDaysOf = (calendar: WorkCalendar & { plan_start: string }): WorkDays =>
  new WorkDays(calendar, calendar.plan_start);

/**
 * A bar from earliest start `es` to earliest finish `ef` (working-day indexes) in pixels: it
 * starts on the day `es` falls on (a fraction of a day in, for half days) and ends in the
 * last day work ending at `ef` occupies, spanning the non-working days in between.
 */
export function barSpan(
  days: WorkDays,
  axis: DayAxis,
  es: number,
  ef: number,
): { x0: number; x1: number } {
  const s = Math.floor(es);
  const x0 = dayX(axis, days.dayAt(s)) + (es - s) * axis.dayWidth;
  if (!(ef > es)) return { x0, x1: x0 };
  const k = Math.ceil(ef) - 1;
  return { x0, x1: dayX(axis, days.dayAt(k)) + (ef - k) * axis.dayWidth };
}

/**
 * The working-day index at x: within a working day, its index plus the fraction of the day;
 * on a non-working day, the end of the working day before it.
 */
export function indexAtX(days: WorkDays, axis: DayAxis, x: number): number {
  const p = axis.origin + x / axis.dayWidth;
  const day = Math.floor(p);
  return days.isWorking(day) ? days.indexOf(day) + (p - day) : days.indexOf(day);
}

/** Estimates a drag of a bar's end sets: whole and half working days. */
export const ESTIMATE_STEP = 0.5;

/** The estimate a bar starting at `es` gets when its end is dropped at x (never below 0). */
export function estimateAtX(days: WorkDays, axis: DayAxis, es: number, x: number): number {
  const raw = indexAtX(days, axis, x) - es;
  return Math.max(0, Math.round(raw / ESTIMATE_STEP) * ESTIMATE_STEP);
}

/**
 * The start date a bar starting on day `startDay` gets when moved by `dx` pixels: whole
 * calendar days, onto the first working day on or after the day it is dropped on (the engine
 * would start it there anyway; the stored date says so).
 */
export function startDateAt(days: WorkDays, axis: DayAxis, startDay: number, dx: number): string {
  let day = startDay + Math.round(dx / axis.dayWidth);
  for (let i = 0; i < 366 && !days.isWorking(day); i++) day++;
  return dateOf(day);
}

/** The working day after (`dir` 1) or before (-1) `day`: the keyboard's move of a bar. */
export function nextWorkingDay(days: WorkDays, day: number, dir: 1 | -1): string {
  let d = day + dir;
  for (let i = 0; i < 366 && !days.isWorking(d); i++) d += dir;
  return dateOf(d);
}

/**
 * The days the axis shows: from a little before the earliest of the plan start, today and
 * any due date, to a few weeks past the latest of the plan's end, today and any due date;
 * it begins on a Monday so the week lines fall on whole weeks.
 */
export function axisDays(dates: readonly string[], dayWidth: number): DayAxis {
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of dates) {
    const n = dayOf(d);
    if (n < lo) lo = n;
    if (n > hi) hi = n;
  }
  if (!Number.isFinite(lo)) lo = hi = 0;
  const before = lo - 7;
  // 1970-01-01 was a Thursday: day numbers ≡ 4 (mod 7) are Mondays.
  const origin = before - ((((before - 4) % 7) + 7) % 7);
  return { origin, days: hi + 28 - origin, dayWidth };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 2" (with the year when it is not `thisYear`). */
export function monthDay(date: string, thisYear: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const text = `${MONTHS[m - 1] ?? '?'} ${d}`;
  return y === thisYear ? text : `${text}, ${y}`;
}

/** "3 days", "1 day", "2.5 days", "no estimate". */
export function daysText(estimate: number | undefined): string {
  if (estimate === undefined) return 'no estimate';
  const n = Math.round(estimate * 100) / 100;
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** A bar's accessible name: "T-12 Design API, 3 days, Mar 2 – Mar 5" and its marks. */
export function barName(
  node: { display_id: string; title: string; estimate?: number; due_date?: string },
  sched: { start: string; finish: string; critical: boolean; late_by?: number },
  thisYear: number,
): string {
  const parts = [
    `${node.display_id} ${node.title || 'Untitled'}`,
    daysText(node.estimate),
    `${monthDay(sched.start, thisYear)} – ${monthDay(sched.finish, thisYear)}`,
  ];
  if (node.due_date) parts.push(`due ${monthDay(node.due_date, thisYear)}`);
  if (sched.late_by !== undefined) parts.push(`late by ${daysText(sched.late_by)}`);
  if (sched.critical) parts.push('critical');
  return parts.join(', ');
}

export { dateOf, dayOf };
