/** The toolbar's planning toggles: the critical path on the canvas, and the "What's next" panel. */
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { usePlanStore } from './plan-store';

export function PlanControls() {
  const showCritical = usePlanStore((s) => s.showCritical);
  const setShowCritical = usePlanStore((s) => s.setShowCritical);
  const nextOpen = usePlanStore((s) => s.nextOpen);
  const setNextOpen = usePlanStore((s) => s.setNextOpen);
  return (
    <div className="lg-toolbar__group" role="group" aria-label="Planning">
      <button
        type="button"
        aria-pressed={showCritical}
        title="Highlight the critical path: the chain of least slack"
        onClick={() => setShowCritical(!showCritical)}
      >
        Critical path
      </button>
      <button
        type="button"
        aria-pressed={nextOpen}
        onClick={() => {
          // It opens where the trash and the members panel open: one at a time.
          if (!nextOpen) {
            useUiStore.getState().setTrashOpen(false);
            useEditorStore.getState().setPanel(null);
          }
          setNextOpen(!nextOpen);
        }}
      >
        What’s next
      </button>
    </div>
  );
}
