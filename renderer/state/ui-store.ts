/**
 * Editor state that is not the graph: theme, how new links are drawn, open panels, toasts.
 */
import { create } from 'zustand';
import type { LinkType } from '../../shared/model/types';

export type Theme = 'light' | 'dark';
export type Blocking = 'default' | 'primary' | 'secondary';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface LinkDraft {
  /** '' draws a plain SynapTask dependency link [L1]. */
  linkType: LinkType | '';
  customLinkType: string | null;
  /** 'default' lets the engine pick per SPEC L3. */
  blocking: Blocking;
  private: boolean;
}

export interface UiState {
  theme: Theme;
  draft: LinkDraft;
  trashOpen: boolean;
  selectedNode: string | null;
  toasts: Toast[];
  setTheme(theme: Theme): void;
  setDraft(patch: Partial<LinkDraft>): void;
  setTrashOpen(open: boolean): void;
  select(node: string | null): void;
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
}

const TOAST_MS = 6000;
let nextToast = 1;

const initialTheme = (): Theme =>
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';

export const useUiStore = create<UiState>((set, get) => ({
  theme: initialTheme(),
  draft: { linkType: '', customLinkType: null, blocking: 'default', private: false },
  trashOpen: false,
  selectedNode: null,
  toasts: [],
  setTheme: (theme) => set({ theme }),
  setDraft: (patch) => set({ draft: { ...get().draft, ...patch } }),
  setTrashOpen: (trashOpen) => set({ trashOpen }),
  select: (selectedNode) => set({ selectedNode }),
  toast(kind, text) {
    const id = nextToast++;
    set({ toasts: [...get().toasts, { id, kind, text }].slice(-4) });
    setTimeout(() => get().dismiss(id), TOAST_MS);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));
