/**
 * The renderer's side of the desktop shell's push channel (shared/contract/shell-events.ts):
 * menu actions and OS file opens become store actions. Events that need React Flow (fit
 * the view, delete the selection) are re-emitted on `canvasEvents`, which the canvas
 * subscribes to, since this module has no access to the React Flow instance.
 *
 * Call `installShellEvents(bridge)` once the bridge is connected (App.tsx, next to
 * `installShortcuts()`), and call what it answers on unmount. In the browser the bridge's
 * `onShellEvent` is a no-op, so this is harmless there. The saved preferences, asked of the
 * service in the app and in serve alike, are applied through the same handler.
 */
import type { LinkgraphBridge } from '../../shared/contract/api';
import type { Preferences } from '../../shared/contract/methods';
import {
  isShellEvent,
  type ShellEvent,
  type ThemeSetting,
} from '../../shared/contract/shell-events';
import { useLayoutStore } from '../layout/layout-store';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { currentMember, query, reloadView } from './commands';

export type CanvasEvent = Extract<ShellEvent, { type: 'fit-view' | 'delete-selection' }>;

const canvasListeners = new Set<(event: CanvasEvent) => void>();

/** The canvas (GraphCanvas) subscribes: it holds the React Flow instance these events need. */
export const canvasEvents = {
  subscribe(listener: (event: CanvasEvent) => void): () => void {
    canvasListeners.add(listener);
    return () => {
      canvasListeners.delete(listener);
    };
  },
  emit(event: CanvasEvent): void {
    for (const listener of canvasListeners) listener(event);
  },
};

/** The light/dark theme for a setting, following the system while it is 'system'. */
function followTheme(setting: ThemeSetting, media: MediaQueryList | null): () => void {
  const setTheme = useUiStore.getState().setTheme;
  if (setting !== 'system') {
    setTheme(setting);
    return () => {};
  }
  if (!media) return () => {};
  const apply = () => setTheme(media.matches ? 'dark' : 'light');
  apply();
  media.addEventListener('change', apply);
  return () => media.removeEventListener('change', apply);
}

/** Loads what belongs to a workspace after main switched to it. */
export async function reloadWorkspace(): Promise<void> {
  const [members, types] = await Promise.all([query('members.list'), query('link_types.list')]);
  if (members) useGraphStore.getState().setMembers(members.members);
  if (types) useGraphStore.getState().setCustomTypes(types.custom);
  await reloadView(currentMember);
}

export function installShellEvents(
  bridge: Pick<LinkgraphBridge, 'onShellEvent'>,
  media: MediaQueryList | null = typeof window !== 'undefined' && window.matchMedia
    ? window.matchMedia('(prefers-color-scheme: dark)')
    : null,
  /** The saved preferences (`preferences.get`), applied as the shell's own events would be. */
  saved?: Promise<Preferences | null>,
): () => void {
  let stopFollowing = () => {};
  let installed = true;
  const handle = (event: ShellEvent) => {
    const ui = useUiStore.getState();
    switch (event.type) {
      case 'fit-view':
      case 'delete-selection':
        return canvasEvents.emit(event);
      case 'set-theme':
        stopFollowing();
        stopFollowing = followTheme(event.theme, media);
        return;
      case 'set-link-defaults':
        return ui.setDraft({ linkType: event.linkType, blocking: event.blocking });
      case 'view-as':
        return void reloadView(event.member);
      case 'workspace-opened':
        return void reloadWorkspace();
      case 'notice':
        return ui.toast(event.kind, event.text);
    }
  };
  const unsubscribe = bridge.onShellEvent((event: unknown) => {
    // Only well-formed events are obeyed; anything else is a bug in main, not an order.
    if (isShellEvent(event)) handle(event);
  });
  void saved?.then((prefs) => {
    if (!prefs || !installed) return;
    handle({ type: 'set-theme', theme: prefs.theme });
    handle({ type: 'set-link-defaults', ...prefs.linkDefaults });
    useLayoutStore.getState().setDirection(prefs.layoutDirection);
  });
  return () => {
    installed = false;
    unsubscribe();
    stopFollowing();
  };
}
