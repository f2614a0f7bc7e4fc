/**
 * The preload bridge (SPEC X1): exposes exactly one async function per service method as
 * `window.linkgraph`, each forwarding over IPC. Nothing else of Electron or Node reaches
 * the renderer (context isolation and sandbox are on).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel } from '../shared/contract/channel';
import { METHOD_NAMES } from '../shared/contract/method-names';

const api = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    (params?: unknown) => ipcRenderer.invoke(ipcChannel(name), params),
  ]),
);

contextBridge.exposeInMainWorld('linkgraph', Object.freeze(api));
