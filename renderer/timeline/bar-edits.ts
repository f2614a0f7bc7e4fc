/**
 * What a gesture on a timeline bar does ([PL4]): selecting it selects the node everywhere
 * (the inspector opens, the canvas shows it selected when it is back), and a drag or key
 * changes ONE field with ONE `node.update` — one batch, one undo step. A refusal is the
 * engine's, in the words the inspector uses (describeError → plan-errors). The bar then
 * waits for the service's next schedule; nothing is computed here.
 */
import { command } from '../app/commands';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';

/** Selects a node as a click on its card does, and keeps it for the canvas. */
export function selectNode(id: string): void {
  useUiStore.getState().select(id);
  const editor = useEditorStore.getState();
  editor.setSelection([id], []);
  // The canvas is not mounted while the timeline shows: it selects the node when it is.
  editor.selectSoon([id]);
}

/** Sets the estimate (working days); true when the engine took it. */
export async function setEstimate(id: string, estimate: number): Promise<boolean> {
  return (await command('node.update', { id, estimate }, id)) !== null;
}

/** Sets the earliest start date; true when the engine took it. */
export async function setStartDate(id: string, date: string): Promise<boolean> {
  return (await command('node.update', { id, start_date: date }, id)) !== null;
}
