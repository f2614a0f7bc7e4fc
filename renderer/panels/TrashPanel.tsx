import { useEffect, useState } from 'react';
import type { TrashList } from '../../shared/contract/methods';
import { command, query } from '../app/commands';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { confirmAction } from '../inspect/menu-store';

/** Deleting for good cannot be undone: the page asks first (ConfirmDialog). */
async function purge(what: string, run: () => Promise<unknown>): Promise<void> {
  if (await confirmAction(`Delete ${what} forever? This cannot be undone.`, 'Delete forever'))
    await run();
}

/** [U2] Trashed nodes and links, each with restore and purge (asked first), and empty-trash. */
export function TrashPanel() {
  const setOpen = useUiStore((s) => s.setTrashOpen);
  const nodes = useGraphStore((s) => s.nodes);
  const links = useGraphStore((s) => s.links);
  const [trash, setTrash] = useState<TrashList | null>(null);

  // The trash is re-read whenever the graph changes (a restore, a delete, another client).
  useEffect(() => {
    let live = true;
    void query('trash.list').then((t) => live && setTrash(t));
    return () => {
      live = false;
    };
  }, [nodes, links]);

  const title = (id: string) =>
    nodes.get(id)?.title ?? trash?.nodes.find((n) => n.id === id)?.title ?? id.slice(0, 8);
  const empty = trash && trash.nodes.length === 0 && trash.links.length === 0;
  return (
    <aside className="lg-panel lg-trash" aria-label="Trash">
      <header className="lg-panel__header">
        <h2>Trash</h2>
        <button type="button" onClick={() => setOpen(false)} aria-label="Close trash">
          ×
        </button>
      </header>
      {empty && <p className="lg-muted">The trash is empty.</p>}
      {trash && trash.nodes.length > 0 && <h3>Nodes</h3>}
      <ul>
        {trash?.nodes.map((n) => (
          <li key={n.id} data-trash-node={n.id}>
            <span>
              {n.display_id} {n.title}
            </span>
            <button type="button" onClick={() => void command('node.restore', { id: n.id })}>
              Restore
            </button>
            <button
              type="button"
              onClick={() =>
                void purge(`${n.display_id} ${n.title}`, () => command('node.purge', { id: n.id }))
              }
            >
              Delete forever
            </button>
          </li>
        ))}
      </ul>
      {trash && trash.links.length > 0 && <h3>Links</h3>}
      <ul>
        {trash?.links.map((l) => (
          <li key={l.id} data-trash-link={l.id}>
            <span>
              {l.display_id}: {title(l.source)} → {title(l.target)}
            </span>
            <button type="button" onClick={() => void command('link.restore', { id: l.id })}>
              Restore
            </button>
            <button
              type="button"
              onClick={() =>
                void purge(`${l.display_id} (${title(l.source)} → ${title(l.target)})`, () =>
                  command('link.purge', { id: l.id }),
                )
              }
            >
              Delete forever
            </button>
          </li>
        ))}
      </ul>
      {trash && !empty && (
        <button
          type="button"
          className="lg-danger"
          onClick={() => void purge('everything in the trash', () => command('trash.empty', {}))}
        >
          Empty trash
        </button>
      )}
    </aside>
  );
}
