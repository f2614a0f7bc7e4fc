/**
 * The plan as the service last computed it (plan.schedule, docs/planning.md): which open
 * nodes are late and by how much, the critical path, and which planning views are on. The
 * renderer never computes a schedule; it asks again after batches that can move it
 * (plan-refresh.ts).
 */
import { create } from 'zustand';
import type { ScheduleView } from '../../shared/engine/plan/plan-queries';

export interface PlanState {
  /** Working days past its due date, for each late node. */
  late: ReadonlyMap<string, number>;
  critical: ReadonlySet<string>;
  criticalLinks: ReadonlySet<string>;
  /** The plan's last working day (null until the first answer). */
  endDate: string | null;
  /** Bumped on every answer, so views that list the plan (What's next) ask again. */
  revision: number;
  /** The last answer as a whole (the timeline draws every open node from it). */
  view: ScheduleView | null;
  showCritical: boolean;
  nextOpen: boolean;
  /** The main area shows the timeline instead of the canvas (renderer/timeline). */
  timelineOpen: boolean;
  setSchedule(view: ScheduleView): void;
  /** No schedule is needed (nothing to mark, nothing shown): forget the last one. */
  clearSchedule(): void;
  setShowCritical(on: boolean): void;
  setNextOpen(open: boolean): void;
  setTimelineOpen(open: boolean): void;
}

export const usePlanStore = create<PlanState>((set, get) => ({
  late: new Map(),
  critical: new Set(),
  criticalLinks: new Set(),
  endDate: null,
  revision: 0,
  view: null,
  showCritical: false,
  nextOpen: false,
  timelineOpen: false,
  setSchedule(view) {
    set({
      late: new Map(view.late.map((l) => [l.id, l.late_by])),
      critical: new Set(view.critical),
      criticalLinks: new Set(view.critical_links),
      endDate: view.end_date,
      revision: get().revision + 1,
      view,
    });
  },
  clearSchedule() {
    if (get().view || get().late.size || get().critical.size || get().criticalLinks.size)
      set({ late: new Map(), critical: new Set(), criticalLinks: new Set(), view: null });
  },
  setShowCritical: (showCritical) => set({ showCritical }),
  setNextOpen: (nextOpen) => set({ nextOpen }),
  setTimelineOpen: (timelineOpen) => set({ timelineOpen }),
}));

/** Selectors with primitive answers: a card or edge re-renders only when its own mark changes. */
export const lateBy =
  (id: string) =>
  (s: PlanState): number | undefined =>
    s.late.get(id);
export const onCriticalPath =
  (id: string) =>
  (s: PlanState): boolean =>
    s.showCritical && s.critical.has(id);
export const linkOnCriticalPath =
  (id: string) =>
  (s: PlanState): boolean =>
    s.showCritical && s.criticalLinks.has(id);
