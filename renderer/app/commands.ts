/**
 * Runs service methods for the editor: every command's batch is folded into the graph store
 * (so the canvas changes only when the engine accepted the change — a refused drag simply
 * leaves the edge where it was), and every refusal becomes a toast in plain words.
 */
import type { LinkgraphApi } from '../../shared/contract/api';
import type { MethodName, MethodParams, MethodResult } from '../../shared/contract/methods';
import type { CommandMethodName } from '../../shared/contract/method-names';
import type { Batch } from '../../shared/engine/batch';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { describeError } from './describe-error';

let api: LinkgraphApi | null = null;

export function setApi(bridge: LinkgraphApi): void {
  api = bridge;
}

export function getApi(): LinkgraphApi {
  if (!api) throw new Error('The bridge is not connected yet.');
  return api;
}

/** Calls a query; a refusal is shown and answered as null. */
export async function query<M extends MethodName>(
  method: M,
  params?: MethodParams<M>,
): Promise<MethodResult<M> | null> {
  const call = getApi()[method] as (p?: MethodParams<M>) => ReturnType<LinkgraphApi[M]>;
  const result = await call(params);
  if (result.ok) return result.value as MethodResult<M>;
  useUiStore.getState().toast('error', result.error.message);
  return null;
}

/**
 * Runs a command and applies its batch. `subject` names the node the command is about, so a
 * refusal can say "This enhancement already has a parent: …".
 */
export async function command<M extends CommandMethodName>(
  method: M,
  params: MethodParams<M>,
  subject?: string,
): Promise<Batch | null> {
  const viewing = useGraphStore.getState();
  if (viewing.viewer && viewing.viewer !== currentMember) {
    // "View as" is a preview (app/view-as.ts): a change would be made by the person, not by
    // the member shown, so none is sent.
    const name = viewing.members.find((m) => m.id === viewing.viewer)?.username ?? 'a member';
    useUiStore
      .getState()
      .toast('info', `You are viewing as ${name}: go back to your own view to make changes.`);
    return null;
  }
  const call = getApi()[method] as (p?: MethodParams<M>) => ReturnType<LinkgraphApi[M]>;
  const result = await call(params);
  const graph = useGraphStore.getState();
  if (!result.ok) {
    useUiStore.getState().toast('error', describeError(result.error, graph.nodes, subject));
    return null;
  }
  const batch = result.value as Batch;
  graph.applyBatch(batch);
  return batch;
}

/** The member the app speaks for (set from app.info). */
export let currentMember: string | null = null;
export function setCurrentMember(member: string): void {
  currentMember = member;
}

export async function reloadView(as?: string | null): Promise<void> {
  const viewer = as === undefined ? useGraphStore.getState().viewer : as;
  const view = await query(
    'graph.get',
    viewer && viewer !== currentMember ? { as: viewer } : undefined,
  );
  if (view) useGraphStore.getState().setView(view);
}
