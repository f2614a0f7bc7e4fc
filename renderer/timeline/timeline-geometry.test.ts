import { describe, expect, it } from 'vitest';
import {
  arrowsInWindow,
  axisDays,
  barName,
  barSpan,
  dateOf,
  dayOf,
  estimateAtX,
  indexAtX,
  rowWindow,
  startDateAt,
  workDaysOf,
  type DayAxis,
} from './timeline-geometry';

/** Monday 4 March 2030; Monday–Friday, Friday 8 March a holiday. */
const days = workDaysOf({
  plan_start: '2030-03-04',
  working_days: [1, 2, 3, 4, 5],
  holidays: ['2030-03-08'],
});
const monday = dayOf('2030-03-04');
const axis: DayAxis = { origin: monday, days: 60, dayWidth: 20 };
const x = (date: string) => (dayOf(date) - monday) * 20;

describe('rowWindow', () => {
  it('[PL4] puts only the rows in view (and a few either side) in the DOM', () => {
    expect(rowWindow(0, 300, 30, 10_000, 2)).toEqual({ first: 0, end: 12 });
    expect(rowWindow(30_000, 300, 30, 10_000, 2)).toEqual({ first: 998, end: 1012 });
    // The end of the list, a view taller than the list, nothing at all.
    expect(rowWindow(299_700, 300, 30, 10_000, 2)).toEqual({ first: 9988, end: 10_000 });
    expect(rowWindow(0, 3000, 30, 5, 2)).toEqual({ first: 0, end: 5 });
    expect(rowWindow(500, 300, 30, 0)).toEqual({ first: 0, end: 0 });
    // Scrolled past the end (the list just shrank): an empty window, never a negative one.
    expect(rowWindow(90_000, 300, 30, 10, 2)).toEqual({ first: 10, end: 10 });
  });

  it('[PL4] keeps the arrows with an end in view or passing through it', () => {
    const arrows = [
      { id: 'in', from: 10, to: 12 },
      { id: 'above', from: 1, to: 4 },
      { id: 'below', from: 30, to: 31 },
      { id: 'through', from: 2, to: 9000 },
      { id: 'upwards-in', from: 40, to: 15 },
      { id: 'touches-first', from: 0, to: 10 },
      { id: 'touches-end', from: 19, to: 25 },
      { id: 'just-past', from: 20, to: 22 },
    ];
    expect(arrowsInWindow(arrows, { first: 10, end: 20 }).map((a) => a.id)).toEqual([
      'in',
      'through',
      'upwards-in',
      'touches-first',
      'touches-end',
    ]);
  });
});

describe('bars on the calendar axis', () => {
  it('[PL4] a bar starts on its start day and ends in its last working day, over weekends and holidays', () => {
    // es 0 → ef 3: Mon, Tue, Wed.
    expect(barSpan(days, axis, 0, 3)).toEqual({ x0: 0, x1: x('2030-03-07') });
    // es 3 → ef 5: Thu, (Fri holiday, weekend), Mon 11th: ends at the end of Monday.
    expect(barSpan(days, axis, 3, 5)).toEqual({
      x0: x('2030-03-07'),
      x1: x('2030-03-11') + 20,
    });
    // Half days: es 1.5 → ef 2 is the second half of Tuesday.
    expect(barSpan(days, axis, 1.5, 2)).toEqual({ x0: x('2030-03-05') + 10, x1: x('2030-03-06') });
    // A milestone (no estimate) is a point at its start.
    expect(barSpan(days, axis, 4, 4)).toEqual({ x0: x('2030-03-11'), x1: x('2030-03-11') });
  });

  it('[PL4] a dropped end reads as the working-day index under it; a non-working day as the end of the day before', () => {
    expect(indexAtX(days, axis, x('2030-03-06') + 5)).toBe(2.25);
    // Friday (holiday), Saturday and Sunday all mean "end of Thursday" = index 4.
    expect(indexAtX(days, axis, x('2030-03-08') + 10)).toBe(4);
    expect(indexAtX(days, axis, x('2030-03-10') + 19)).toBe(4);
    expect(indexAtX(days, axis, x('2030-03-11'))).toBe(4);
  });

  it('[PL4] dragging an end gives whole and half working days, never below zero', () => {
    // A bar from index 1 (Tuesday): dropped at the end of Thursday = 3 days.
    expect(estimateAtX(days, axis, 1, x('2030-03-08'))).toBe(3);
    // On the weekend after the holiday: still 3 (the end of Thursday).
    expect(estimateAtX(days, axis, 1, x('2030-03-09') + 7)).toBe(3);
    // A third into Monday the 11th snaps to half a day more, then a whole one.
    expect(estimateAtX(days, axis, 1, x('2030-03-11') + 7)).toBe(3.5);
    expect(estimateAtX(days, axis, 1, x('2030-03-11') + 16)).toBe(4);
    // Dragged before its own start: 0, a milestone.
    expect(estimateAtX(days, axis, 1, x('2030-03-04'))).toBe(0);
  });

  it('[PL4] dragging a bar gives whole calendar days, onto the next working day', () => {
    const tuesday = dayOf('2030-03-05');
    expect(startDateAt(days, axis, tuesday, 41)).toBe('2030-03-07');
    expect(startDateAt(days, axis, tuesday, -20)).toBe('2030-03-04');
    // Dropped on the holiday or the weekend: Monday the 11th.
    expect(startDateAt(days, axis, tuesday, 60)).toBe('2030-03-11');
    expect(startDateAt(days, axis, tuesday, 100)).toBe('2030-03-11');
    expect(startDateAt(days, axis, tuesday, 9)).toBe('2030-03-05');
  });

  it('[PL4] the axis starts on a Monday a week before the earliest date and runs weeks past the last', () => {
    const a = axisDays(['2030-03-06', '2030-04-30', '2030-03-20'], 24);
    expect(dateOf(a.origin)).toBe('2030-02-25');
    expect(dateOf(a.origin + a.days)).toBe('2030-05-28');
    expect(a.dayWidth).toBe(24);
  });

  it('[PL4] a bar’s accessible name: id and title, estimate, dates, and its marks', () => {
    const node = { display_id: 'T-12', title: 'Design API', estimate: 3 };
    const sched = { start: '2030-03-02', finish: '2030-03-05', critical: false };
    expect(barName(node, sched, 2030)).toBe('T-12 Design API, 3 days, Mar 2 – Mar 5');
    expect(
      barName(
        { ...node, estimate: 1, due_date: '2030-03-04' },
        { ...sched, critical: true, late_by: 0.5 },
        2029,
      ),
    ).toBe(
      'T-12 Design API, 1 day, Mar 2, 2030 – Mar 5, 2030, due Mar 4, 2030, late by 0.5 days, critical',
    );
    expect(barName({ display_id: 'T-1', title: '' }, sched, 2030)).toBe(
      'T-1 Untitled, no estimate, Mar 2 – Mar 5',
    );
  });
});
