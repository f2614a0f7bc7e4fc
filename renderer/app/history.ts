/** Undo and Redo through the service's history (SPEC H2): each is a batch of its own. */
import { command, query } from './commands';
import { useUiStore } from '../state/ui-store';

export async function undo(): Promise<void> {
  const page = await query('history.list', { limit: 1 });
  if (!page?.next_undo) return useUiStore.getState().toast('info', 'Nothing to undo.');
  await command('history.undo', { batchId: page.next_undo });
}

export async function redo(): Promise<void> {
  const page = await query('history.list', { limit: 1 });
  if (!page?.next_redo) return useUiStore.getState().toast('info', 'Nothing to redo.');
  await command('history.redo', { batchId: page.next_redo });
}
