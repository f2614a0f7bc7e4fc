/**
 * What the editing gestures work on, beside the graph: the canvas's selection (several nodes
 * and links at once), the in-app clipboard of copied nodes, the kind new nodes get, and which
 * side panel (history, members) or dialog (workspaces) is open.
 */
import { create } from 'zustand';
import type { NodeKind } from '../../shared/model/types';

export type SidePanel = 'history' | 'members' | null;

export interface EditorState {
  selectedNodes: readonly string[];
  selectedLinks: readonly string[];
  /** Nodes the canvas should select once they are on it (what a paste or duplicate made). */
  pendingSelection: readonly string[] | null;
  /** Copied node ids, and how many times they were pasted (each paste lands further off). */
  clipboard: { ids: readonly string[]; pastes: number } | null;
  newNodeKind: NodeKind;
  panel: SidePanel;
  workspacesOpen: boolean;
  setSelection(nodes: readonly string[], links: readonly string[]): void;
  selectSoon(nodes: readonly string[]): void;
  clearPending(): void;
  copy(ids: readonly string[]): void;
  pasted(): void;
  setNewNodeKind(kind: NodeKind): void;
  setPanel(panel: SidePanel): void;
  setWorkspacesOpen(open: boolean): void;
}

export const useEditorStore = create<EditorState>((set, get) => ({
  selectedNodes: [],
  selectedLinks: [],
  pendingSelection: null,
  clipboard: null,
  newNodeKind: 'task',
  panel: null,
  workspacesOpen: false,
  setSelection: (selectedNodes, selectedLinks) => set({ selectedNodes, selectedLinks }),
  selectSoon: (pendingSelection) => set({ pendingSelection }),
  clearPending: () => set({ pendingSelection: null }),
  copy: (ids) => set({ clipboard: { ids, pastes: 0 } }),
  pasted() {
    const c = get().clipboard;
    if (c) set({ clipboard: { ...c, pastes: c.pastes + 1 } });
  },
  setNewNodeKind: (newNodeKind) => set({ newNodeKind }),
  setPanel: (panel) => set({ panel }),
  setWorkspacesOpen: (workspacesOpen) => set({ workspacesOpen }),
}));
