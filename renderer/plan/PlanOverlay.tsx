/** Keeps the schedule current while the editor is open, and shows "What's next" when asked. */
import { useEffect } from 'react';
import './plan.css';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { installPlanRefresh } from './plan-refresh';
import { usePlanStore } from './plan-store';
import { WhatsNextPanel } from './WhatsNextPanel';

export function PlanOverlay() {
  const nextOpen = usePlanStore((s) => s.nextOpen);
  const trashOpen = useUiStore((s) => s.trashOpen);
  const panel = useEditorStore((s) => s.panel);
  useEffect(() => installPlanRefresh(), []);
  // The trash and the side panels open where this panel does: the last one opened wins.
  useEffect(() => {
    if (trashOpen || panel) usePlanStore.getState().setNextOpen(false);
  }, [trashOpen, panel]);
  return nextOpen ? <WhatsNextPanel /> : null;
}
