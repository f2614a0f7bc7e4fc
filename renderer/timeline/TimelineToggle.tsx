/**
 * The toolbar's switch between the canvas and the timeline in the main area. The selection
 * is the same in both (ui-store's inspected node, editor-store's selection): going back to
 * the canvas asks it to select what is selected now and centres it on that node.
 */
import { centreCanvasOnReturn } from './canvas-return';
import { usePlanStore } from '../plan/plan-store';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';

export function TimelineToggle() {
  const open = usePlanStore((s) => s.timelineOpen);
  const setOpen = usePlanStore((s) => s.setTimelineOpen);
  return (
    <div className="lg-toolbar__group" role="group" aria-label="View">
      <button
        type="button"
        aria-pressed={open}
        title="Show the plan as a timeline instead of the canvas"
        onClick={() => {
          if (open) {
            const editor = useEditorStore.getState();
            const inspected = useUiStore.getState().selectedNode;
            const keep = editor.selectedNodes.length
              ? editor.selectedNodes
              : inspected
                ? [inspected]
                : [];
            if (keep.length) editor.selectSoon(keep);
            const centre = inspected ?? keep[0];
            if (centre) centreCanvasOnReturn(centre);
          }
          setOpen(!open);
        }}
      >
        Timeline
      </button>
    </div>
  );
}
