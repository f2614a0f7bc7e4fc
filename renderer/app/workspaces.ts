/**
 * Switching the open workspace from the page (the desktop menu does it through main and a
 * `workspace-opened` event; the served page has only this): open it in the service, then read
 * everything that belongs to a workspace again.
 */
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { query } from './commands';
import { reloadWorkspace } from './shell-events';

export async function openWorkspace(id: string): Promise<boolean> {
  const opened = await query('workspace.open', { id });
  if (!opened) return false;
  await showOpenWorkspace();
  useUiStore.getState().toast('info', `Opened workspace “${opened.name}”.`);
  return true;
}

/** Reads the open workspace again and forgets what was selected in the previous one. */
export async function showOpenWorkspace(): Promise<void> {
  useUiStore.getState().select(null);
  useEditorStore.getState().setSelection([], []);
  await reloadWorkspace();
}
