/** Keyboard dialogs: the link-target picker (L) and the shortcut list (?). */
import { create } from 'zustand';
import type { NavStep } from './navigation';

export interface KeyboardState {
  /** The node a link is being made from (the picker is open), or null. */
  linkFrom: string | null;
  helpOpen: boolean;
  /** The last Alt+←/→ step, for Alt+↑/↓. */
  lastStep: NavStep | null;
  setLinkFrom(id: string | null): void;
  setHelpOpen(open: boolean): void;
  setLastStep(step: NavStep | null): void;
}

export const useKeyboardStore = create<KeyboardState>((set) => ({
  linkFrom: null,
  helpOpen: false,
  lastStep: null,
  setLinkFrom: (linkFrom) => set({ linkFrom }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setLastStep: (lastStep) => set({ lastStep }),
}));
