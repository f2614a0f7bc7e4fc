import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isShellEvent, type ShellEvent } from '../../shared/contract/shell-events';
import { useLayoutStore } from '../layout/layout-store';
import { useUiStore } from '../state/ui-store';
import { canvasEvents, installShellEvents, type CanvasEvent } from './shell-events';

/** A bridge whose shell channel the test drives, and a prefers-color-scheme query. */
function fakes(dark: boolean) {
  let listener: ((event: ShellEvent) => void) | null = null;
  const bridge = {
    onShellEvent: (l: (event: ShellEvent) => void) => {
      listener = l;
      return () => {
        listener = null;
      };
    },
  };
  const changeListeners = new Set<() => void>();
  const media = {
    matches: dark,
    addEventListener: (_: string, l: () => void) => changeListeners.add(l),
    removeEventListener: (_: string, l: () => void) => changeListeners.delete(l),
  };
  return {
    bridge,
    media: media as unknown as MediaQueryList,
    // Main could send anything on the channel: malformed events are pushed as they come.
    push: (event: unknown) => listener?.(event as ShellEvent),
    subscribed: () => listener !== null,
    systemTurns: (isDark: boolean) => {
      media.matches = isDark;
      changeListeners.forEach((l) => l());
    },
    following: () => changeListeners.size,
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('shell events in the renderer', () => {
  it('themes: light/dark are applied; system follows the OS until another theme is chosen', () => {
    const f = fakes(true);
    const uninstall = installShellEvents(f.bridge, f.media);
    f.push({ type: 'set-theme', theme: 'light' });
    expect(useUiStore.getState().theme).toBe('light');
    f.push({ type: 'set-theme', theme: 'system' });
    expect(useUiStore.getState().theme).toBe('dark');
    f.systemTurns(false);
    expect(useUiStore.getState().theme).toBe('light');
    f.push({ type: 'set-theme', theme: 'dark' });
    expect(f.following()).toBe(0);
    f.systemTurns(false);
    expect(useUiStore.getState().theme).toBe('dark');
    uninstall();
    expect(f.subscribed()).toBe(false);
  });

  it('the saved preferences are applied like the shell’s events (system theme follows the OS)', async () => {
    const f = fakes(true);
    useUiStore.getState().setTheme('light');
    const uninstall = installShellEvents(
      f.bridge,
      f.media,
      Promise.resolve({
        theme: 'system' as const,
        linkDefaults: { linkType: 'is_part_of' as const, blocking: 'secondary' as const },
        layoutDirection: 'TB' as const,
      }),
    );
    await Promise.resolve();
    await Promise.resolve();
    expect(useUiStore.getState().theme).toBe('dark');
    expect(useUiStore.getState().draft).toMatchObject({
      linkType: 'is_part_of',
      blocking: 'secondary',
    });
    expect(useLayoutStore.getState().direction).toBe('TB');
    expect(f.following()).toBe(1);
    uninstall();
    expect(f.following()).toBe(0);
  });

  it('link defaults set the draft; notices become toasts', () => {
    const f = fakes(false);
    const uninstall = installShellEvents(f.bridge, f.media);
    f.push({ type: 'set-link-defaults', linkType: 'is_part_of', blocking: 'secondary' });
    expect(useUiStore.getState().draft).toMatchObject({
      linkType: 'is_part_of',
      blocking: 'secondary',
    });
    f.push({ type: 'notice', kind: 'error', text: 'The file could not be read.' });
    expect(useUiStore.getState().toasts.at(-1)).toMatchObject({
      kind: 'error',
      text: 'The file could not be read.',
    });
    uninstall();
  });

  it('fit-view and delete-selection go to the canvas; malformed events are ignored', () => {
    const f = fakes(false);
    const uninstall = installShellEvents(f.bridge, f.media);
    const got: CanvasEvent[] = [];
    const unsubscribe = canvasEvents.subscribe((e) => got.push(e));
    f.push({ type: 'fit-view' });
    f.push({ type: 'delete-selection' });
    f.push({ type: 'set-theme', theme: 'neon' });
    f.push({ type: 'set-link-defaults', linkType: 'is_friend_of', blocking: 'default' });
    f.push('fit-view');
    f.push(null);
    unsubscribe();
    f.push({ type: 'fit-view' });
    expect(got).toEqual([{ type: 'fit-view' }, { type: 'delete-selection' }]);
    expect(useUiStore.getState().draft.linkType).not.toBe('is_friend_of');
    uninstall();
  });

  it('the contract’s guard accepts exactly the event shapes it names', () => {
    expect(isShellEvent({ type: 'view-as', member: 'm' })).toBe(true);
    expect(isShellEvent({ type: 'view-as' })).toBe(false);
    expect(isShellEvent({ type: 'workspace-opened', workspace: { id: 'a', name: 'A' } })).toBe(
      true,
    );
    expect(isShellEvent({ type: 'workspace-opened', workspace: { id: 'a' } })).toBe(false);
    expect(isShellEvent({ type: 'notice', kind: 'warning', text: 'x' })).toBe(false);
    expect(isShellEvent({ type: 'set-link-defaults', linkType: '', blocking: 'primary' })).toBe(
      true,
    );
    expect(isShellEvent({ type: 'open-devtools' })).toBe(false);
  });
});
