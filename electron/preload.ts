/**
 * The preload bridge (SPEC X1): exposes exactly one async function per service method, and
 * `onDiff` for pushed diffs, as `window.linkgraph`. Nothing else of Electron or Node reaches
 * the renderer (context isolation and sandbox are on).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { DIFF_CHANNEL } from '../shared/contract/api';
import { ipcChannel } from '../shared/contract/channel';
import { METHOD_NAMES } from '../shared/contract/method-names';

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

contextBridge.exposeInMainWorld('linkgraph', Object.freeze({ ...api, onDiff }));
