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
  /** The link shown in the link inspector (a node and a link are never both inspected). */
  selectedLink: string | null;
  toasts: Toast[];
  setTheme(theme: Theme): void;
  setDraft(patch: Partial<LinkDraft>): void;
  setTrashOpen(open: boolean): void;
  select(node: string | null): void;
  selectLink(link: string | null): void;
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
}

const TOAST_MS = 6000;
/** At most this many messages at once: the oldest go first (they never pile over the canvas). */
export const MAX_TOASTS = 3;
const timers = new Map<number, ReturnType<typeof setTimeout>>();
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
  selectedLink: null,
  toasts: [],
  setTheme: (theme) => set({ theme }),
  setDraft: (patch) => set({ draft: { ...get().draft, ...patch } }),
  setTrashOpen: (trashOpen) => set({ trashOpen }),
  select: (selectedNode) =>
    set(selectedNode ? { selectedNode, selectedLink: null } : { selectedNode }),
  selectLink: (selectedLink) =>
    set(selectedLink ? { selectedLink, selectedNode: null } : { selectedLink }),
  toast(kind, text) {
    // The same message again is not a second toast: the one shown moves to the front and
    // starts its time again.
    const same = get().toasts.find((t) => t.kind === kind && t.text === text);
    if (same) get().dismiss(same.id);
    const id = nextToast++;
    const toasts = [...get().toasts, { id, kind, text }];
    for (const gone of toasts.slice(0, -MAX_TOASTS)) clearTimeout(timers.get(gone.id));
    set({ toasts: toasts.slice(-MAX_TOASTS) });
    timers.set(
      id,
      setTimeout(() => get().dismiss(id), TOAST_MS),
    );
  },
  dismiss(id) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
