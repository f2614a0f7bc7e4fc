/**
 * The shell's calls into the one service, typed by the contract: the shell never reaches past
 * the service into the hub or the store, so the menu does exactly what the renderer and the
 * local API could do, with the same validation.
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { MethodName, MethodParams, MethodResult } from '../../shared/contract/methods';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import { ok, type Result } from '../../shared/model/result';
import type { Caller, Service } from '../service/service';

export type ShellCall = <M extends MethodName>(
  method: M,
  params?: MethodParams<M>,
) => Promise<Result<MethodResult<M>, ServiceError>>;

/** Calls as the app's owner, from the menu (origin "shell", so its diffs reach every window). */
export function shellCaller(service: Service, caller: () => Caller): ShellCall {
  return async (method, params) =>
    (await service.call(method, params, caller())) as Result<
      MethodResult<typeof method>,
      ServiceError
    >;
}

/** Edit › Undo / Redo: the batch the service's history names next, if any (SPEC H2). */
export async function historyStep(
  call: ShellCall,
  direction: 'undo' | 'redo',
): Promise<Result<{ batchId: string } | null, ServiceError>> {
  const page = await call('history.list', { limit: 1 });
  if (!page.ok) return page;
  const batchId = direction === 'undo' ? page.value.next_undo : page.value.next_redo;
  if (!batchId) return ok(null);
  const done = await call(direction === 'undo' ? 'history.undo' : 'history.redo', { batchId });
  return done.ok ? ok({ batchId }) : done;
}

/** Whether Undo and Redo have anything to act on (to enable the menu items). */
export async function historyAvailability(
  call: ShellCall,
): Promise<{ canUndo: boolean; canRedo: boolean }> {
  const page = await call('history.list', { limit: 1 });
  if (!page.ok) return { canUndo: false, canRedo: false };
  return { canUndo: Boolean(page.value.next_undo), canRedo: Boolean(page.value.next_redo) };
}

/** Imports a file's text as a new workspace and opens it. */
export async function importAndOpen(
  call: ShellCall,
  params: MethodParams<'import'>,
): Promise<Result<WorkspaceInfo, ServiceError>> {
  const imported = await call('import', params);
  if (!imported.ok) return imported;
  return call('workspace.open', { id: imported.value.workspace.id });
}

/** A name for File › New workspace that no workspace has yet. */
export function untitledName(existing: readonly { name: string }[]): string {
  const names = new Set(existing.map((w) => w.name));
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? 'Untitled workspace' : `Untitled workspace ${n}`;
    if (!names.has(name)) return name;
  }
}

/** The recent list with `id` moved to the front, only ids that still exist, at most `max`. */
export function withRecent(
  recent: readonly string[],
  id: string,
  existing: readonly string[],
  max: number,
): string[] {
  return [id, ...recent.filter((r) => r !== id)].filter((r) => existing.includes(r)).slice(0, max);
}
