/**
 * The timeline view of the plan ([PL4], docs/planning.md "Timeline"): one row per open node
 * by earliest start, bars on a calendar-day axis, dependency arrows, today, due dates, late
 * and critical marks — all from the service's `plan.schedule` (plan-store). Virtualised: a
 * sticky stage the size of the view draws only the rows, days and arrows on screen, while a
 * sized inner box gives the scroller its full extent.
 */
import './timeline.css';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { usePlanStore } from '../plan/plan-store';
import { useEditorStore } from '../state/editor-store';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { AxisBackground, AxisHeader, TodayLine, type AxisFrame } from './TimelineAxis';
import { TimelineArrows, type ArrowEnds } from './TimelineArrows';
import { TimelineBar, type DragMode } from './TimelineBar';
import { TimelineControls } from './TimelineControls';
import { selectNode, setEstimate, setStartDate } from './bar-edits';
import {
  arrowsInWindow,
  axisDays,
  barName,
  barSpan,
  dayOf,
  daysText,
  dayX,
  ESTIMATE_STEP,
  monthDay,
  nextWorkingDay,
  rowWindow,
} from './timeline-geometry';
import { timelineModel } from './timeline-model';
import { commitDrop, dragText, previewSpan, type Drag } from './bar-drag';

export const ROW_HEIGHT = 30;
const BAR_HEIGHT = 16;
const HEADER_HEIGHT = 44;
const LABEL_WIDTH = 280;
/** Pixels per calendar day, from a year on screen to a week. */
const ZOOMS = [6, 12, 24, 36, 56] as const;

const todayDate = () => new Date().toISOString().slice(0, 10);

export function TimelineView() {
  const view = usePlanStore((s) => s.view);
  const nodes = useGraphStore((s) => s.nodes);
  const links = useGraphStore((s) => s.links);
  const customTypes = useGraphStore((s) => s.customTypes);
  const selectedNode = useUiStore((s) => s.selectedNode);
  const selectedNodes = useEditorStore((s) => s.selectedNodes);
  const [zoom, setZoom] = useState(2);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const [dragState, setDrag] = useState<Drag | null>(null);
  // A dropped bar shows where it was dropped until the schedule it asked for arrives.
  const drag = dragState?.waitingFor && dragState.waitingFor !== view ? null : dragState;
  const scroller = useRef<HTMLDivElement>(null);
  const focusWanted = useRef<number | null>(null);
  /** The workspace the view was last placed for (another one opened: placed again). */
  const placedFor = useRef<string | null>(null);
  const workspace = useGraphStore((s) => s.workspace?.id ?? '');
  const today = todayDate();
  const thisYear = Number(today.slice(0, 4));

  const model = useMemo(
    () => (view ? timelineModel(view, nodes, links, customTypes, today) : null),
    [view, nodes, links, customTypes, today],
  );
  const dayWidth = ZOOMS[zoom] ?? 24;
  const axis = useMemo(
    () => axisDays(model?.dates ?? [today], dayWidth),
    [model?.dates, today, dayWidth],
  );

  // The scroller's size, for the stage and the windows.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [model !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  const chartWidth = Math.max(0, size.width - LABEL_WIDTH);
  const chartHeight = Math.max(0, size.height - HEADER_HEIGHT);
  const rows = model?.rows ?? [];

  // First showing (of this workspace): the selected node in view, else the earliest bar.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (placedFor.current === workspace || !model || !el || size.width === 0) return;
    placedFor.current = workspace;
    const row = selectedNode ? model.rowOf.get(selectedNode) : undefined;
    const sched = row === undefined ? undefined : model.rows[row];
    if (row !== undefined && sched) {
      el.scrollTop = Math.max(0, row * ROW_HEIGHT - chartHeight / 2);
      el.scrollLeft = Math.max(0, barSpan(model.days, axis, sched.es, sched.ef).x0 - 4 * dayWidth);
    } else {
      el.scrollTop = 0;
      const first = model.rows[0];
      const day = first ? model.days.startDay(first.es) : dayOf(today);
      el.scrollLeft = Math.max(0, dayX(axis, day) - 2 * dayWidth);
    }
    setScroll({ top: el.scrollTop, left: el.scrollLeft });
  }, [model, size.width, selectedNode, axis, chartHeight, dayWidth, today, workspace]);

  // A node selected elsewhere (What's next, search, the inspector) is scrolled into view; the
  // scroll event brings the rows in.
  useEffect(() => {
    const el = scroller.current;
    const row = selectedNode ? model?.rowOf.get(selectedNode) : undefined;
    if (!el || row === undefined || placedFor.current !== workspace) return;
    const y = row * ROW_HEIGHT;
    if (y < el.scrollTop || y + ROW_HEIGHT > el.scrollTop + chartHeight)
      el.scrollTop = Math.max(0, y - chartHeight / 2);
  }, [selectedNode]); // eslint-disable-line react-hooks/exhaustive-deps

  const win = rowWindow(scroll.top, chartHeight, ROW_HEIGHT, rows.length);
  const selected = useMemo(
    () => new Set([...selectedNodes, ...(selectedNode ? [selectedNode] : [])]),
    [selectedNodes, selectedNode],
  );

  /** A row's bar in chart pixels, with a drag's preview applied. */
  const spanOf = useCallback(
    (row: number): { x0: number; x1: number } | null => {
      const s = model?.rows[row];
      return model && s ? previewSpan(model, axis, s, drag) : null;
    },
    [model, axis, drag],
  );

  const onDrag = useCallback((id: string, mode: DragMode, dx: number) => {
    setDrag(dx === 0 ? null : { id, mode, dx });
  }, []);

  const onDrop = useCallback(
    (id: string, mode: DragMode, dx: number) => {
      const row = model?.rowOf.get(id);
      const s = row === undefined ? undefined : model?.rows[row];
      const record = nodes.get(id);
      if (!model || !s || !record) return setDrag(null);
      const change = commitDrop(model, axis, s, record, mode, dx);
      if (!change) return setDrag(null);
      setDrag({ id, mode, dx, waitingFor: view ?? {} });
      void change.then((ok) => {
        if (!ok) setDrag(null);
      });
    },
    [model, axis, nodes, view],
  );

  /** Scrolls a row (and its bar) into view and focuses it after the next render. */
  const focusRow = useCallback(
    (row: number) => {
      const el = scroller.current;
      if (!el || !model) return;
      const r = Math.max(0, Math.min(model.rows.length - 1, row));
      const y = r * ROW_HEIGHT;
      if (y < el.scrollTop) el.scrollTop = y;
      else if (y + ROW_HEIGHT > el.scrollTop + chartHeight)
        el.scrollTop = y + ROW_HEIGHT - chartHeight;
      const span = spanOf(r);
      if (span && (span.x0 < el.scrollLeft || span.x0 > el.scrollLeft + chartWidth - 40))
        el.scrollLeft = Math.max(0, span.x0 - 4 * dayWidth);
      focusWanted.current = r;
      setScroll({ top: el.scrollTop, left: el.scrollLeft });
    },
    [model, chartHeight, chartWidth, spanOf, dayWidth],
  );

  useEffect(() => {
    const r = focusWanted.current;
    if (r === null) return;
    const bar = scroller.current?.querySelector<HTMLElement>(`.lg-tl-bar[data-row="${r}"]`);
    if (bar) {
      focusWanted.current = null;
      bar.focus();
    }
  });

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, id: string, row: number) => {
      const s = model?.rows[row];
      const record = nodes.get(id);
      if (!model || !s || !record) return;
      const key = e.key;
      if (key === 'Enter' || key === ' ') selectNode(id);
      else if (key === 'ArrowDown' && !e.shiftKey && !e.altKey) focusRow(row + 1);
      else if (key === 'ArrowUp' && !e.shiftKey && !e.altKey) focusRow(row - 1);
      else if (key === 'Home') focusRow(0);
      else if (key === 'End') focusRow(model.rows.length - 1);
      else if (e.shiftKey && (key === 'ArrowRight' || key === 'ArrowLeft')) {
        // Half a working day longer or shorter: one batch.
        const step = key === 'ArrowRight' ? ESTIMATE_STEP : -ESTIMATE_STEP;
        const estimate = Math.max(0, (record.estimate ?? 0) + step);
        if (estimate !== (record.estimate ?? 0)) void setEstimate(id, estimate);
      } else if (e.altKey && (key === 'ArrowRight' || key === 'ArrowLeft')) {
        // A working day later or earlier: one batch.
        const dir = key === 'ArrowRight' ? 1 : -1;
        void setStartDate(id, nextWorkingDay(model.days, model.days.startDay(s.es), dir));
      } else return;
      e.preventDefault();
      e.stopPropagation();
    },
    [model, nodes, focusRow],
  );

  if (!model) {
    return (
      <section className="lg-tl" aria-label="Timeline">
        <p className="lg-tl__empty">Scheduling…</p>
      </section>
    );
  }

  const contentWidth = LABEL_WIDTH + axis.days * dayWidth;
  const contentHeight = HEADER_HEIGHT + rows.length * ROW_HEIGHT;
  const left = LABEL_WIDTH - scroll.left;
  const frame: AxisFrame = {
    axis,
    days: model.days,
    workingWeekdays: new Set(view?.calendar.working_days ?? [1, 2, 3, 4, 5]),
    left,
    labelWidth: LABEL_WIDTH,
    scrollLeft: scroll.left,
    width: chartWidth,
    top: HEADER_HEIGHT,
    height: chartHeight,
    today: dayOf(today),
  };
  const rowY = (row: number) => HEADER_HEIGHT + row * ROW_HEIGHT - scroll.top;
  // One bar in the tab order (arrow keys go between rows): the selected one when it is on
  // screen, else the first row in view.
  const focusable =
    [...selected]
      .map((id) => model.rowOf.get(id))
      .find((r) => r !== undefined && r >= win.first && r < win.end) ??
    Math.min(win.end - 1, Math.ceil(scroll.top / ROW_HEIGHT));

  const arrowEnds: ArrowEnds[] = [];
  for (const arrow of arrowsInWindow(model.arrows, win)) {
    const a = spanOf(arrow.from);
    const b = spanOf(arrow.to);
    if (!a || !b) continue;
    arrowEnds.push({
      arrow,
      x1: a.x1 - scroll.left,
      y1: rowY(arrow.from) - HEADER_HEIGHT + ROW_HEIGHT / 2,
      x2: b.x0 - scroll.left,
      y2: rowY(arrow.to) - HEADER_HEIGHT + ROW_HEIGHT / 2,
    });
  }

  const backs = [];
  const bars = [];
  const labels = [];
  for (let r = win.first; r < win.end; r++) {
    const s = rows[r];
    const record = s && nodes.get(s.id);
    if (!s || !record) continue;
    const span = spanOf(r) ?? { x0: 0, x1: 0 };
    const y = rowY(r);
    const isSelected = selected.has(s.id);
    if (drag && drag.id === s.id && !drag.waitingFor)
      bars.push(
        <span
          key="drag-tip"
          className="lg-tl__drag-tip"
          style={{ left: left + Math.max(span.x1, span.x0) + 10, top: y + 4 }}
          role="status"
        >
          {dragText(drag, s, model, axis, thisYear)}
        </span>,
      );
    if (isSelected)
      backs.push(
        <div
          key={s.id}
          className="lg-tl__row-selected"
          style={{ top: y, height: ROW_HEIGHT, width: size.width }}
        />,
      );
    labels.push(
      <div
        key={s.id}
        className={isSelected ? 'lg-tl__label lg-tl__label--selected' : 'lg-tl__label'}
        style={{ top: y, height: ROW_HEIGHT, width: LABEL_WIDTH }}
        title={`${record.display_id} ${record.title}`}
        onClick={() => selectNode(s.id)}
      >
        <span className="lg-tl__label-id">{record.display_id}</span> {record.title || 'Untitled'}
      </div>,
    );
    if (record.due_date) {
      const x = left + dayX(axis, dayOf(record.due_date) + 1);
      bars.push(
        <span
          key={`due${s.id}`}
          className="lg-tl__due"
          style={{ left: x - 1, top: y + 3, height: ROW_HEIGHT - 6 }}
          title={`Due ${monthDay(record.due_date, thisYear)}`}
          aria-hidden="true"
        />,
      );
    }
    bars.push(
      <TimelineBar
        key={s.id}
        id={s.id}
        row={r}
        name={barName(record, s, thisYear)}
        x0={left + span.x0}
        x1={left + span.x1}
        y={y + (ROW_HEIGHT - BAR_HEIGHT) / 2}
        height={BAR_HEIGHT}
        critical={s.critical}
        late={s.late_by === undefined ? null : `late ${daysText(s.late_by)}`}
        selected={isSelected}
        tabbable={r === focusable}
        dragging={drag?.id === s.id}
        onDrag={onDrag}
        onDrop={onDrop}
        onClick={selectNode}
        onKeyDown={onKeyDown}
      />,
    );
  }

  return (
    <section className="lg-tl" aria-label="Timeline">
      <TimelineControls
        count={rows.length}
        end={view ? monthDay(view.end_date, thisYear) : null}
        zoom={zoom}
        zooms={ZOOMS.length}
        setZoom={setZoom}
        onToday={() => {
          const el = scroller.current;
          if (!el) return;
          el.scrollLeft = Math.max(0, dayX(axis, dayOf(today)) - chartWidth / 3);
          setScroll({ top: el.scrollTop, left: el.scrollLeft });
        }}
      />
      <div
        ref={scroller}
        className="lg-tl__scroller"
        onScroll={(e) =>
          setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })
        }
      >
        <div className="lg-tl__extent" style={{ width: contentWidth, height: contentHeight }}>
          <div
            className="lg-tl__stage"
            style={{ width: size.width, height: size.height }}
            role="group"
            aria-label={`Open work by earliest start, ${rows.length} rows`}
          >
            <AxisBackground frame={frame} />
            {backs}
            <TimelineArrows
              ends={arrowEnds}
              left={LABEL_WIDTH}
              top={HEADER_HEIGHT}
              width={chartWidth}
              height={chartHeight}
              rowHeight={ROW_HEIGHT}
              barHeight={BAR_HEIGHT}
            />
            {bars}
            <TodayLine frame={frame} />
            <div className="lg-tl__labels" style={{ width: LABEL_WIDTH }}>
              {labels}
            </div>
            <AxisHeader frame={frame} height={HEADER_HEIGHT} />
            <div className="lg-tl__corner" style={{ width: LABEL_WIDTH, height: HEADER_HEIGHT }}>
              Open work by earliest start
            </div>
            {rows.length === 0 && (
              <p className="lg-tl__empty">
                No open work to schedule: every node is completed or in the trash.
              </p>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
