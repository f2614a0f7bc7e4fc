import { useReactFlow } from '@xyflow/react';
import { savePreferences } from '../app/preferences';
import { useViewingAs } from '../app/view-as';
import { useEditorStore } from '../state/editor-store';
import { layoutAndApply } from './apply-layout';
import { useLayoutStore } from './layout-store';
import type { LayoutDirection } from './layout-types';

/**
 * The toolbar's layout control: which way to lay out (left→right or top→down), lay out the
 * whole plan, or only the selected nodes among themselves. The layout runs in a worker; the
 * buttons wait ("Laying out…") while it does, the rest of the page does not.
 */
export function LayoutControl() {
  const flow = useReactFlow();
  const direction = useLayoutStore((s) => s.direction);
  const running = useLayoutStore((s) => s.running);
  const selected = useEditorStore((s) => s.selectedNodes);
  const viewingAs = useViewingAs();

  const run = async (only: readonly string[] | null) => {
    const store = useLayoutStore.getState();
    if (store.running) return;
    store.setRunning(true);
    try {
      await layoutAndApply(flow, store.direction, only);
    } finally {
      useLayoutStore.getState().setRunning(false);
    }
  };

  return (
    <span className="lg-layout" role="group" aria-label="Layout">
      <select
        aria-label="Layout direction"
        value={direction}
        onChange={(e) => {
          const next = e.target.value as LayoutDirection;
          useLayoutStore.getState().setDirection(next);
          savePreferences({ layoutDirection: next });
        }}
      >
        <option value="LR">Left → right</option>
        <option value="TB">Top → down</option>
      </select>
      <button
        type="button"
        onClick={() => void run(null)}
        disabled={!!viewingAs || running}
        aria-busy={running}
      >
        {running ? 'Laying out…' : 'Auto-layout'}
      </button>
      <button
        type="button"
        onClick={() => void run([...selected])}
        disabled={!!viewingAs || running || selected.length < 2}
        title="Lay out the selected nodes among themselves, where they are"
      >
        Lay out selection
      </button>
    </span>
  );
}
