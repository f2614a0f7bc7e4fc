/**
 * Which parents are collapsed, per workspace (docs/editor.md, "Groups"). View state: it
 * changes nothing stored in the workspace, is no history batch and no undo step, and is not
 * shared with other members. It is remembered on this computer in the page's local storage
 * (the app's own data folder in Electron), per workspace id, so a plan opens the way it was
 * left; a storage that refuses (full, disabled) only means it is not remembered.
 */
import { create } from 'zustand';

const STORAGE_KEY = 'linkgraph.collapsed-groups.v1';
/** Bound on remembered ids per workspace (a collapse-all on a huge plan stays small enough). */
const MAX_REMEMBERED = 20_000;

type Saved = Record<string, string[]>;

function readSaved(): Saved {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Saved = {};
    for (const [ws, ids] of Object.entries(parsed as Record<string, unknown>)) {
      if (Array.isArray(ids)) out[ws] = ids.filter((x): x is string => typeof x === 'string');
    }
    return out;
  } catch {
    return {}; // damaged or unavailable: start with everything expanded
  }
}

function writeSaved(workspace: string, ids: ReadonlySet<string>): void {
  try {
    const saved = readSaved();
    if (ids.size === 0) delete saved[workspace];
    else saved[workspace] = [...ids].slice(0, MAX_REMEMBERED);
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(saved));
  } catch {
    // Not remembered; the view itself is unaffected.
  }
}

/** Whether collapsed groups are remembered for `workspace` (the plan opens folded). */
export function remembersCollapsed(workspace: string): boolean {
  return (readSaved()[workspace]?.length ?? 0) > 0;
}

const EMPTY: ReadonlySet<string> = new Set();

export interface GroupState {
  /** The workspace the set belongs to (null before one is open). */
  workspace: string | null;
  collapsed: ReadonlySet<string>;
  /** Switches to a workspace's remembered set. */
  switchTo(workspace: string | null): void;
  collapse(ids: Iterable<string>): void;
  expand(ids: Iterable<string>): void;
  expandAll(): void;
}

export const useGroupStore = create<GroupState>((set, get) => {
  const change = (collapsed: ReadonlySet<string>) => {
    set({ collapsed });
    const ws = get().workspace;
    if (ws) writeSaved(ws, collapsed);
  };
  return {
    workspace: null,
    collapsed: EMPTY,
    switchTo(workspace) {
      if (workspace === get().workspace) return;
      set({
        workspace,
        collapsed: workspace ? new Set(readSaved()[workspace] ?? []) : EMPTY,
      });
    },
    collapse(ids) {
      const next = new Set(get().collapsed);
      for (const id of ids) next.add(id);
      if (next.size !== get().collapsed.size) change(next);
    },
    expand(ids) {
      const next = new Set(get().collapsed);
      for (const id of ids) next.delete(id);
      if (next.size !== get().collapsed.size) change(next);
    },
    expandAll() {
      if (get().collapsed.size > 0) change(EMPTY);
    },
  };
});
