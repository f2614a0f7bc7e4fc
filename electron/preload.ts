/**
 * The preload bridge (SPEC X1): exposes exactly one async function per service method,
 * `onDiff` for pushed diffs and `onShellEvent` for the shell's push channel, as
 * `window.linkgraph`. Nothing else of Electron or Node reaches the renderer (context
 * isolation and sandbox are on), and listeners never see Electron's event object.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { DIFF_CHANNEL } from '../shared/contract/api';
import { ipcChannel } from '../shared/contract/channel';
import { METHOD_NAMES } from '../shared/contract/method-names';
import { SHELL_EVENT_CHANNEL } from '../shared/contract/shell-events';

const api = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    (params?: unknown) => ipcRenderer.invoke(ipcChannel(name), params),
  ]),
);

function onDiff(listener: (event: unknown) => void): () => void {
  const relay = (_event: IpcRendererEvent, diff: unknown) => listener(diff);
  ipcRenderer.on(DIFF_CHANNEL, relay);
  return () => ipcRenderer.removeListener(DIFF_CHANNEL, relay);
}

// Main sends the saved theme and link defaults as soon as the page has loaded, which can be
// before React has subscribed: events are kept (a few) until the first listener arrives.
const MAX_EARLY_EVENTS = 32;
const early: unknown[] = [];
const shellListeners = new Set<(event: unknown) => void>();
ipcRenderer.on(SHELL_EVENT_CHANNEL, (_event: IpcRendererEvent, shellEvent: unknown) => {
  if (shellListeners.size === 0) {
    if (early.length < MAX_EARLY_EVENTS) early.push(shellEvent);
    return;
  }
  for (const listener of shellListeners) listener(shellEvent);
});

function onShellEvent(listener: (event: unknown) => void): () => void {
  shellListeners.add(listener);
  for (const shellEvent of early.splice(0)) listener(shellEvent);
  return () => {
    shellListeners.delete(listener);
  };
}

contextBridge.exposeInMainWorld('linkgraph', Object.freeze({ ...api, onDiff, onShellEvent }));
