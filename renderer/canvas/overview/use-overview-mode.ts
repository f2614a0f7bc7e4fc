/** The canvas's overview mode (overview-mode.ts) as React state, and the object itself. */
import { useState, useSyncExternalStore } from 'react';
import { useStoreApi } from '@xyflow/react';
import { createOverviewMode, type OverviewMode } from './overview-mode';

export function useOverviewMode(): { mode: OverviewMode; active: boolean; moving: boolean } {
  const store = useStoreApi();
  const [mode] = useState(() => createOverviewMode(store));
  const active = useSyncExternalStore(mode.subscribe, mode.get);
  const moving = useSyncExternalStore(mode.subscribe, mode.moving);
  return { mode, active, moving };
}
