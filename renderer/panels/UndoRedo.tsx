import { useEffect } from 'react';
import { installHistoryTracking, redo, undo, useHistoryStore } from '../app/history';
import { useViewingAs } from '../app/view-as';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';

/**
 * Undo, Redo and the history panel's toggle. The buttons say what they would do (their title
 * and accessible description) and are disabled when there is nothing to do.
 */
export function UndoRedo() {
  const page = useHistoryStore((s) => s.page);
  const panel = useEditorStore((s) => s.panel);
  const setPanel = useEditorStore((s) => s.setPanel);
  const viewingAs = useViewingAs();
  useEffect(() => installHistoryTracking(), []);
  const undoText = page?.next_undo_summary ? `Undo: ${page.next_undo_summary}` : 'Nothing to undo';
  const redoText = page?.next_redo_summary ? `Redo: ${page.next_redo_summary}` : 'Nothing to redo';
  return (
    <>
      <button
        type="button"
        onClick={() => void undo()}
        disabled={!page?.next_undo || viewingAs !== null}
        title={`${undoText} (Ctrl+Z)`}
      >
        Undo
      </button>
      <button
        type="button"
        onClick={() => void redo()}
        disabled={!page?.next_redo || viewingAs !== null}
        title={`${redoText} (Shift+Ctrl+Z)`}
      >
        Redo
      </button>
      <button
        type="button"
        aria-pressed={panel === 'history'}
        onClick={() => {
          useUiStore.getState().setTrashOpen(false);
          setPanel(panel === 'history' ? null : 'history');
        }}
      >
        History
      </button>
    </>
  );
}
