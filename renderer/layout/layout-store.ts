/**
 * The layout control's state: which way plans are laid out (kept as a preference, see
 * LayoutControl) and whether a layout is running (its buttons wait meanwhile).
 */
import { create } from 'zustand';
import type { LayoutDirection } from './layout-types';

interface LayoutState {
  direction: LayoutDirection;
  running: boolean;
  setDirection(direction: LayoutDirection): void;
  setRunning(running: boolean): void;
}

export const useLayoutStore = create<LayoutState>((set) => ({
  direction: 'LR',
  running: false,
  setDirection: (direction) => set({ direction }),
  setRunning: (running) => set({ running }),
}));
