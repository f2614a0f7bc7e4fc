import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import { query } from '../app/commands';
import { openWorkspace, showOpenWorkspace } from '../app/workspaces';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { Dialog } from './Dialog';

/**
 * The person's workspaces: open one, create one (it opens), rename, delete (after a
 * confirmation naming it; deleting the open one opens another). In the app and the served
 * page alike, through the service's workspace.* methods.
 */
export function WorkspacesDialog() {
  const setOpen = useEditorStore((s) => s.setWorkspacesOpen);
  const [list, setList] = useState<{ workspaces: WorkspaceInfo[]; open: string } | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<WorkspaceInfo | null>(null);
  const [name, setName] = useState('');
  const close = useCallback(() => setOpen(false), [setOpen]);
  const toast = useUiStore((s) => s.toast);

  const load = useCallback(async () => {
    const answer = await query('workspace.list');
    if (answer) setList(answer);
  }, []);
  useEffect(() => {
    let live = true;
    void query('workspace.list').then((answer) => live && answer && setList(answer));
    return () => {
      live = false;
    };
  }, []);

  const open = async (id: string) => {
    if (await openWorkspace(id)) close();
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const created = await query('workspace.create', { name: name.trim() });
    if (!created) return;
    setName('');
    await open(created.id);
  };
  const rename = async (id: string, to: string) => {
    if (await query('workspace.rename', { id, name: to.trim() })) {
      setRenaming(null);
      await load();
      if (id === list?.open) await showOpenWorkspace();
    }
  };
  const remove = async (w: WorkspaceInfo) => {
    const wasOpen = w.id === list?.open;
    const done = await query('workspace.delete', { id: w.id });
    setDeleting(null);
    if (!done) return;
    toast('info', `Deleted workspace “${w.name}”.`);
    await load();
    if (wasOpen) await showOpenWorkspace();
  };

  if (deleting) {
    return (
      <Dialog key="confirm" title="Delete workspace?" alert onClose={() => setDeleting(null)}>
        <p>
          Delete “{deleting.name}” with all its nodes, links and history? This cannot be undone.
        </p>
        <div className="lg-row">
          <button type="button" data-autofocus onClick={() => setDeleting(null)}>
            Keep it
          </button>
          <button type="button" className="lg-danger" onClick={() => void remove(deleting)}>
            Delete “{deleting.name}”
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog key="list" title="Workspaces" onClose={close}>
      <ul className="lg-workspaces" aria-label="Your workspaces">
        {list?.workspaces.map((w) => (
          <li key={w.id} data-workspace={w.id} aria-current={w.id === list.open || undefined}>
            {renaming === w.id ? (
              <form
                className="lg-row"
                onSubmit={(e) => {
                  e.preventDefault();
                  const input = e.currentTarget.elements.namedItem('name') as HTMLInputElement;
                  void rename(w.id, input.value);
                }}
              >
                <input
                  name="name"
                  aria-label={`New name for ${w.name}`}
                  defaultValue={w.name}
                  required
                  maxLength={200}
                  data-autofocus
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') {
                      e.stopPropagation();
                      setRenaming(null);
                    }
                  }}
                />
                <button type="submit">Save</button>
              </form>
            ) : (
              <>
                <span>
                  {w.name}
                  {w.id === list.open && <span className="lg-muted"> (open)</span>}
                </span>
                {w.id !== list.open && (
                  <button
                    type="button"
                    aria-label={`Open ${w.name}`}
                    onClick={() => void open(w.id)}
                  >
                    Open
                  </button>
                )}
                <button
                  type="button"
                  aria-label={`Rename ${w.name}`}
                  onClick={() => setRenaming(w.id)}
                >
                  Rename
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${w.name}`}
                  onClick={() => setDeleting(w)}
                >
                  Delete
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form className="lg-row" aria-label="New workspace" onSubmit={(e) => void create(e)}>
        <input
          aria-label="New workspace name"
          placeholder="New workspace…"
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit">Create</button>
      </form>
    </Dialog>
  );
}
