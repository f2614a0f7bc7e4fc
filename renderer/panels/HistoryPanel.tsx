import { useEffect } from 'react';
import type { HistoryItem } from '../../shared/contract/methods';
import { redoItem, undoItem, useHistoryStore } from '../app/history';
import { useEditorStore } from '../state/editor-store';

/** "14:05" today, "3 Mar, 14:05" before. */
function when(ts: string): string {
  const d = new Date(ts);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date().toDateString()
    ? time
    : `${d.toLocaleDateString([], { day: 'numeric', month: 'short' })}, ${time}`;
}

/**
 * The recent changes, newest first: what each did in words, who made it and when. A change can
 * be undone from here (the workspace owner's list holds everyone's changes), an undone one
 * redone; the service refuses, in words, what has changed since.
 */
export function HistoryPanel() {
  const page = useHistoryStore((s) => s.page);
  const setListing = useHistoryStore((s) => s.setListing);
  const setPanel = useEditorStore((s) => s.setPanel);
  useEffect(() => {
    setListing(true);
    return () => setListing(false);
  }, [setListing]);

  const action = (item: HistoryItem) => {
    // An undo or redo stands for its original: its own row needs no button.
    if (item.undoOf || item.redoOf) return null;
    return item.undone ? (
      <button
        type="button"
        aria-label={`Redo: ${item.summary}`}
        onClick={() => void redoItem(item)}
      >
        Redo
      </button>
    ) : (
      <button
        type="button"
        aria-label={`Undo: ${item.summary}`}
        onClick={() => void undoItem(item)}
      >
        Undo
      </button>
    );
  };

  return (
    <aside
      className="lg-panel lg-side"
      aria-label="History"
      onKeyDown={(e) => e.key === 'Escape' && setPanel(null)}
    >
      <header className="lg-panel__header">
        <h2>History</h2>
        <button type="button" onClick={() => setPanel(null)} aria-label="Close history">
          ×
        </button>
      </header>
      {page && page.items.length === 0 && <p className="lg-muted">No changes yet.</p>}
      <ol className="lg-history">
        {page?.items.map((item) => (
          <li key={item.batchId} data-batch={item.batchId} data-undone={item.undone}>
            <div className="lg-history__text">
              <span className="lg-history__summary">{item.summary}</span>
              <span className="lg-muted">
                {item.actor.username} · <time dateTime={item.ts}>{when(item.ts)}</time>
                {item.undone ? ' · undone' : ''}
              </span>
            </div>
            {action(item)}
          </li>
        ))}
      </ol>
    </aside>
  );
}
