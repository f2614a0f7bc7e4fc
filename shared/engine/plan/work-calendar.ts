/**
 * [PL1] [PL2] Working-day arithmetic over the workspace calendar. The schedule counts time in
 * working days from the plan start (index 0 = the first working day on or after it); this
 * file turns dates into those indexes and back. Dates are UTC days (`YYYY-MM-DD`), held as
 * day numbers since 1970-01-01 while computing.
 */
import type { WorkCalendar } from '../../model/types';

/** Monday to Friday, no holidays: the calendar of a workspace that never set one. */
export const DEFAULT_WORKING_DAYS: readonly number[] = [1, 2, 3, 4, 5];

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → days since 1970-01-01 (the string is already validated). */
export function dayOf(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/**
 * The dates already written, by day number. A schedule view writes three dates for each of
 * 100,000 nodes, but they fall on a few hundred days, and a `Date` per call was a quarter of a
 * second of the plan's exports; the cache is dropped whole when it grows past a few years.
 */
const written = new Map<number, string>();
const WRITTEN_MAX = 4096;

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dateOf(day: number): string {
  let date = written.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (written.size >= WRITTEN_MAX) written.clear();
    written.set(day, date);
  }
  return date;
}

/** ISO weekday (1 Monday … 7 Sunday) of a day number (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * A calendar ready for arithmetic: which weekdays work, and the holidays that fall on a
 * working weekday (the others change nothing), sorted.
 */
export class WorkDays {
  /** Day number of the plan start. */
  readonly start: number;
  private readonly works: boolean[];
  private readonly perWeek: number;
  private readonly holidays: number[];
  private readonly holidaySet: Set<number>;

  constructor(cal: WorkCalendar | undefined, fallbackStart: string) {
    const working = cal?.working_days ?? DEFAULT_WORKING_DAYS;
    this.works = [false, false, false, false, false, false, false, false];
    for (const d of working) this.works[d] = true;
    this.perWeek = this.works.filter(Boolean).length;
    this.holidays = (cal?.holidays ?? [])
      .map(dayOf)
      .filter((d) => this.works[weekdayOf(d)] === true)
      .sort((a, b) => a - b);
    this.holidaySet = new Set(this.holidays);
    this.start = dayOf(cal?.plan_start ?? fallbackStart);
  }

  isWorking(day: number): boolean {
    return this.works[weekdayOf(day)] === true && !this.holidaySet.has(day);
  }

  /** Working days in [a, b) for a ≤ b. */
  private countForward(a: number, b: number): number {
    const span = b - a;
    const weeks = Math.floor(span / 7);
    let n = weeks * this.perWeek;
    for (let d = a + weeks * 7; d < b; d++) if (this.works[weekdayOf(d)] === true) n++;
    return n - (this.holidaysBefore(b) - this.holidaysBefore(a));
  }

  /** Holidays (on working weekdays) strictly before a day: binary search. */
  private holidaysBefore(day: number): number {
    const h = this.holidays;
    let lo = 0;
    let hi = h.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((h[mid] as number) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Working days from the plan start to the start of `day`: the index of the first working
   * day on or after it (negative before the plan start).
   */
  indexOf(day: number): number {
    return day >= this.start
      ? this.countForward(this.start, day)
      : -this.countForward(day, this.start);
  }

  /** A start date as a working-day index: work may begin at the start of that day. */
  startIndex(date: string): number {
    return this.indexOf(dayOf(date));
  }

  /** A due date as a working-day index: work must be done by the end of that day. */
  dueIndex(date: string): number {
    return this.indexOf(dayOf(date) + 1);
  }

  /** The working day with index k (an integer): the day d with indexOf(d) = k, d working. */
  dayAt(k: number): number {
    // indexOf is non-decreasing in d; the day wanted is the first d with indexOf(d + 1) > k.
    const reach = (Math.abs(k) + this.holidays.length + 2) * 7;
    let lo = this.start - reach;
    let hi = this.start + reach;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.indexOf(mid + 1) > k) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The day work at index `es` takes place on (its start day). */
  startDay(es: number): number {
    return this.dayAt(Math.floor(es));
  }

  /** The last day work ending at index `ef` occupies (a zero-length task: its start day). */
  finishDay(es: number, ef: number): number {
    return ef > es ? this.dayAt(Math.ceil(ef) - 1) : this.startDay(es);
  }
}
