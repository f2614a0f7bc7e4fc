/**
 * One row's bar: drawn from its earliest start to its earliest finish, a diamond for a
 * milestone; the whole bar drags (start date), its right end drags (estimate). Pointer
 * capture keeps a drag going off the bar; a press that does not move is a click (select);
 * Escape during a drag cancels it.
 * Focusable, with an accessible name; the keys are handled by the view (TimelineView).
 */
import { useRef, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';

/** Pixels a press may move and still be a click. */
const CLICK_SLOP = 4;

export type DragMode = 'end' | 'move';

export interface BarProps {
  id: string;
  row: number;
  name: string;
  /** Stage pixels. */
  x0: number;
  x1: number;
  y: number;
  height: number;
  critical: boolean;
  late: string | null;
  selected: boolean;
  tabbable: boolean;
  dragging: boolean;
  onDrag(id: string, mode: DragMode, dx: number): void;
  onDrop(id: string, mode: DragMode, dx: number): void;
  onClick(id: string): void;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>, id: string, row: number): void;
}

export function TimelineBar(p: BarProps) {
  const press = useRef<{ mode: DragMode; x: number; moved: boolean } | null>(null);
  const milestone = p.x1 - p.x0 < 1;
  const classes = ['lg-tl-bar'];
  if (milestone) classes.push('lg-tl-bar--milestone');
  if (p.critical) classes.push('lg-tl-bar--critical');
  if (p.late) classes.push('lg-tl-bar--late');
  if (p.selected) classes.push('lg-tl-bar--selected');
  if (p.dragging) classes.push('lg-tl-bar--dragging');

  const down = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    const mode: DragMode = (e.target as Element).closest('.lg-tl-bar__end') ? 'end' : 'move';
    press.current = { mode, x: e.clientX, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
    e.currentTarget.focus();
  };
  const move = (e: ReactPointerEvent<HTMLDivElement>) => {
    const at = press.current;
    if (!at) return;
    const dx = e.clientX - at.x;
    if (!at.moved && Math.abs(dx) < CLICK_SLOP) return;
    at.moved = true;
    p.onDrag(p.id, at.mode, dx);
  };
  const up = (e: ReactPointerEvent<HTMLDivElement>) => {
    const at = press.current;
    press.current = null;
    if (!at) return;
    if (at.moved) p.onDrop(p.id, at.mode, e.clientX - at.x);
    else p.onClick(p.id);
  };

  const width = milestone ? 14 : Math.max(3, p.x1 - p.x0);
  const left = milestone ? p.x0 - 7 : p.x0;
  return (
    <>
      <div
        role="button"
        tabIndex={p.tabbable ? 0 : -1}
        aria-label={p.name}
        aria-pressed={p.selected}
        data-node={p.id}
        data-row={p.row}
        className={classes.join(' ')}
        style={{ left, top: p.y, width, height: p.height }}
        title={p.name}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={() => {
          press.current = null;
          p.onDrag(p.id, 'move', 0);
        }}
        onKeyDown={(e) => {
          // Escape during a drag: it never happened.
          if (e.key === 'Escape' && press.current) {
            e.preventDefault();
            e.stopPropagation();
            press.current = null;
            p.onDrag(p.id, 'move', 0);
            return;
          }
          p.onKeyDown(e, p.id, p.row);
        }}
      >
        <span className="lg-tl-bar__end" title="Drag to change the estimate" />
      </div>
      {p.late && (
        <span
          className="lg-tl-bar__late"
          style={{ left: left + width + 6, top: p.y }}
          aria-hidden="true"
        >
          {p.late}
        </span>
      )}
    </>
  );
}
