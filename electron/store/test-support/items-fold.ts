/**
 * A stand-in for the engine in tests and benchmarks: the snapshot is `{items: {...}}` and a
 * batch `{batchId, set: {...}}` sets items. Loaded by path in the compaction worker.
 */
export interface ItemsSnapshot {
  items: Record<string, unknown>;
}

export interface ItemsBatch {
  batchId: string;
  set: Record<string, unknown>;
}

export function fold(snapshot: unknown, batches: readonly unknown[]): ItemsSnapshot {
  const items: Record<string, unknown> = { ...((snapshot as ItemsSnapshot | null)?.items ?? {}) };
  for (const batch of batches as ItemsBatch[]) Object.assign(items, batch.set);
  return { items };
}

/** Mutating variant for large states (what a real engine's replay does). */
export function replayInto(state: ItemsSnapshot, batches: readonly unknown[]): ItemsSnapshot {
  for (const batch of batches as ItemsBatch[]) Object.assign(state.items, batch.set);
  return state;
}

export function validateItems(content: unknown): boolean | string {
  if (typeof content !== 'object' || content === null) return 'not an object';
  const items = (content as { items?: unknown }).items;
  if (typeof items !== 'object' || items === null || Array.isArray(items))
    return 'items is not a record';
  return true;
}

export const FOLD_MODULE = new URL('./items-fold.ts', import.meta.url).href;
