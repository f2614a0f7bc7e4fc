/**
 * The timeline's day axis: month and day headings, non-working days shaded (weekends, and
 * holidays hatched), week lines and the today line — only for the days on screen.
 */
import { weekdayOf, type WorkDays } from '../../shared/engine/plan/work-calendar';
import { dateOf, dayX, type DayAxis } from './timeline-geometry';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface AxisFrame {
  axis: DayAxis;
  days: WorkDays;
  workingWeekdays: ReadonlySet<number>;
  /** Stage pixels: where day x = 0 is drawn (label column minus the horizontal scroll). */
  left: number;
  labelWidth: number;
  scrollLeft: number;
  /** The chart's visible width and height (right of the labels, below the header). */
  width: number;
  top: number;
  height: number;
  today: number;
}

/** The visible days [first, last] of the frame. */
function visibleDays(f: AxisFrame): [number, number] {
  const { origin, dayWidth, days } = f.axis;
  const first = Math.max(origin, origin + Math.floor(f.scrollLeft / dayWidth));
  return [first, Math.min(origin + days, first + Math.ceil(f.width / dayWidth) + 1)];
}

export function AxisBackground({ frame }: { frame: AxisFrame }) {
  const [first, last] = visibleDays(frame);
  const w = frame.axis.dayWidth;
  const out = [];
  for (let d = first; d <= last; d++) {
    const x = frame.left + dayX(frame.axis, d);
    const weekday = weekdayOf(d);
    if (!frame.days.isWorking(d)) {
      const holiday = frame.workingWeekdays.has(weekday);
      out.push(
        <div
          key={d}
          className={holiday ? 'lg-tl__off lg-tl__off--holiday' : 'lg-tl__off'}
          style={{ left: x, width: w, top: frame.top, height: frame.height }}
          title={holiday ? `Holiday ${dateOf(d)}` : undefined}
        />,
      );
    }
    if (weekday === 1)
      out.push(
        <div
          key={`w${d}`}
          className="lg-tl__week"
          style={{ left: x, top: frame.top, height: frame.height }}
        />,
      );
  }
  return <>{out}</>;
}

export function TodayLine({ frame }: { frame: AxisFrame }) {
  const x = frame.left + dayX(frame.axis, frame.today) + frame.axis.dayWidth / 2;
  return (
    <div
      className="lg-tl__today"
      style={{ left: x, top: frame.top - 14, height: frame.height + 14 }}
      title={`Today ${dateOf(frame.today)}`}
    >
      <span className="lg-tl__today-label">Today</span>
    </div>
  );
}

/** Month names over the days they cover, and day numbers (Mondays only when narrow). */
export function AxisHeader({ frame, height }: { frame: AxisFrame; height: number }) {
  const [first, last] = visibleDays(frame);
  const w = frame.axis.dayWidth;
  const months = [];
  const numbers = [];
  for (let d = first; d <= last; d++) {
    const date = dateOf(d);
    const dom = Number(date.slice(8, 10));
    const x = frame.left + dayX(frame.axis, d);
    const m = Number(date.slice(5, 7));
    // The month in view at the left edge is named there, unless the next one is about to be.
    const nextMonth = Date.UTC(Number(date.slice(0, 4)), m, 1) / 86_400_000;
    if (dom === 1 || (d === first && (nextMonth - d) * w > 110)) {
      months.push(
        <span
          key={`m${d}`}
          className="lg-tl__month"
          style={{ left: Math.max(x, frame.labelWidth) }}
        >
          {MONTHS[m - 1]} {date.slice(0, 4)}
        </span>,
      );
    }
    const weekday = weekdayOf(d);
    if (w >= 18 || (weekday === 1 && w * 7 >= 28))
      numbers.push(
        <span
          key={d}
          className={frame.days.isWorking(d) ? 'lg-tl__day' : 'lg-tl__day lg-tl__day--off'}
          style={{ left: x, width: w >= 18 ? w : w * 7 }}
        >
          {dom}
        </span>,
      );
  }
  return (
    <div className="lg-tl__header" style={{ height }} aria-hidden="true">
      {months}
      {numbers}
    </div>
  );
}
