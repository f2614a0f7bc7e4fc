/** Opens a workspace with the stand-in fold and answers the folded state, for assertions. */
import { expect } from 'vitest';
import { openWorkspaceFiles } from '../workspace-store';
import type { OpenOptions, OpenedWorkspace } from '../workspace-store';
import { fold, validateItems } from './items-fold';
import type { ItemsSnapshot } from './items-fold';

export async function openItems(
  dir: string,
  extra: Partial<OpenOptions> = {},
): Promise<OpenedWorkspace & { state: ItemsSnapshot }> {
  const opened = await openWorkspaceFiles(dir, {
    // In-thread fold by default (fast); tests of the worker pass { modulePath: FOLD_MODULE }.
    fold: { fn: fold },
    validateSnapshot: validateItems,
    autoCompactBytes: false,
    ...extra,
  });
  if (!opened.ok) expect.fail(`open failed: ${opened.error.message}`);
  return { ...opened.value, state: fold(opened.value.snapshot, opened.value.journal) };
}

export function batch(
  id: string,
  value: unknown = id,
): { batchId: string; set: Record<string, unknown> } {
  return { batchId: id, set: { [id]: value } };
}
