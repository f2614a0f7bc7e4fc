/**
 * What the inspectors' overlays show: the open context menu, the "link from here…" gesture,
 * the question a confirm dialog asks, and the chooser of links that share a handle.
 */
import { create } from 'zustand';

export type MenuTarget =
  | { kind: 'node'; id: string }
  | { kind: 'link'; id: string }
  | { kind: 'pane'; flow: { x: number; y: number } }
  /** Several links end at the grabbed point: which one's end should move? */
  | { kind: 'ends'; links: string[] };

export interface OpenMenu {
  target: MenuTarget;
  /** Where on screen (client coordinates). */
  x: number;
  y: number;
}

export interface Question {
  text: string;
  confirm: string;
  answer: (yes: boolean) => void;
}

interface MenuState {
  menu: OpenMenu | null;
  /** A link is being drawn from this node by clicking the other end. */
  linkFrom: string | null;
  question: Question | null;
  openMenu(menu: OpenMenu): void;
  closeMenu(): void;
  setLinkFrom(node: string | null): void;
  ask(question: Question | null): void;
}

export const useMenuStore = create<MenuState>((set) => ({
  menu: null,
  linkFrom: null,
  question: null,
  openMenu: (menu) => set({ menu }),
  closeMenu: () => set({ menu: null }),
  setLinkFrom: (linkFrom) => set({ linkFrom, menu: null }),
  ask: (question) => set({ question }),
}));

/** Asks in the page (ConfirmDialog) and answers true when the person confirms. */
export function confirmAction(text: string, confirm: string): Promise<boolean> {
  return new Promise((resolve) => {
    useMenuStore.getState().question?.answer(false);
    useMenuStore.getState().ask({
      text,
      confirm,
      answer: (yes) => {
        useMenuStore.getState().ask(null);
        resolve(yes);
      },
    });
  });
}
