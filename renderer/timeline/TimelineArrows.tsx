/**
 * Dependency arrows between bars: from the blocker's finish to the blocked node's start, in
 * one SVG over the chart; only the arrows in the rows on screen (arrowsInWindow). Critical
 * links are drawn in the critical colour.
 */
import type { TimelineArrow } from './timeline-model';

/** The horizontal run out of a bar's end before an arrow turns. */
const GAP = 6;

export interface ArrowEnds {
  arrow: TimelineArrow;
  /** Blocker's finish and blocked's start, in the SVG's pixels. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Out of the blocker's end, then: right, down (or up) and into the blocked bar's start when
 * there is room; straight down onto the top (or up onto the bottom) of the blocked bar just
 * past its start when it starts where the blocker ends; around, when it starts earlier (a
 * start the schedule did not derive from this link).
 */
export function arrowPath(
  { x1, y1, x2, y2 }: ArrowEnds,
  rowHeight: number,
  barHeight: number,
): string {
  if (x2 - x1 >= 2 * GAP) return `M${x1},${y1}H${x1 + GAP}V${y2}H${x2}`;
  const down = y2 > y1;
  if (x2 >= x1 - 1) {
    const edge = down ? y2 - barHeight / 2 : y2 + barHeight / 2;
    return `M${x1},${y1}H${Math.max(x1, x2) + GAP}V${edge}`;
  }
  const between = down ? y2 - rowHeight / 2 : y2 + rowHeight / 2;
  return `M${x1},${y1}h${GAP}V${between}H${x2 - GAP}V${y2}H${x2}`;
}

export function TimelineArrows({
  ends,
  left,
  top,
  width,
  height,
  rowHeight,
  barHeight,
}: {
  ends: readonly ArrowEnds[];
  left: number;
  top: number;
  width: number;
  height: number;
  rowHeight: number;
  barHeight: number;
}) {
  return (
    <svg
      className="lg-tl__arrows"
      style={{ left, top }}
      width={Math.max(0, width)}
      height={Math.max(0, height)}
      aria-hidden="true"
    >
      <defs>
        <marker
          id="lg-tl-head"
          viewBox="0 0 8 8"
          refX="8"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M0,0L8,4L0,8z" className="lg-tl__head" />
        </marker>
        <marker
          id="lg-tl-head-critical"
          viewBox="0 0 8 8"
          refX="8"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M0,0L8,4L0,8z" className="lg-tl__head lg-tl__head--critical" />
        </marker>
      </defs>
      {ends.map((e) => (
        <path
          key={e.arrow.id}
          data-link={e.arrow.id}
          className={e.arrow.critical ? 'lg-tl-arrow lg-tl-arrow--critical' : 'lg-tl-arrow'}
          d={arrowPath(e, rowHeight, barHeight)}
          markerEnd={e.arrow.critical ? 'url(#lg-tl-head-critical)' : 'url(#lg-tl-head)'}
        />
      ))}
    </svg>
  );
}
