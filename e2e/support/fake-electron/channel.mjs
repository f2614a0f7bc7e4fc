/**
 * The test's side of the fake Electron (see electron.mjs): the child process's IPC channel.
 * Requests `{ id, op, ...args }` from driver.ts are answered `{ type: 'reply', id, ok,
 * value | error }`. Loaded by electron.mjs once the app has imported it.
 */
import { app, BrowserWindow, fakeState, ipcMain, nativeTheme } from './electron.mjs';

const { privilegedSchemes, protocolHandlers, sessionHooks, windows, errorBoxes } = fakeState;
const { electronEvent, fetchThroughProtocol, report } = fakeState;

const mainWindow = () => {
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) throw new Error('fake electron: no window');
  return window;
};

/** Runs a callback-style hook and answers what it called back with. */
const callbackOf = (hook, ...args) =>
  new Promise((resolve, reject) => {
    if (!hook) return reject(new Error('fake electron: hook not installed'));
    hook(...args, resolve);
  });

const ops = {
  state: () => ({
    ready: fakeState.ready,
    appName: app.getName(),
    userData: app.getPath('userData'),
    aboutPanelOptions: app.aboutPanelOptions,
    privilegedSchemes,
    handledSchemes: [...protocolHandlers.keys()],
    ipcChannels: [...ipcMain.handlers.keys()],
    themeSource: nativeTheme.themeSource,
    menu: fakeState.applicationMenu?.template ?? null,
    windows: windows.map((w) => w.describe()),
    errorBoxes,
  }),
  /** An `ipcRenderer.invoke` from the window's frame at `frameUrl`. */
  invoke: async ({ channel, params, frameUrl }) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const sender = mainWindow().webContents;
    return handler({ sender, senderFrame: { url: frameUrl }, processId: 1, frameId: 1 }, params);
  },
  fetch: ({ url, method }) => fetchThroughProtocol(url, method),
  headersReceived: ({ url, responseHeaders }) =>
    callbackOf(sessionHooks.headersReceived, { url, responseHeaders }),
  permission: async ({ permission }) => ({
    request: await callbackOf(sessionHooks.permissionRequest, mainWindow().webContents, permission),
    check: sessionHooks.permissionCheck?.(mainWindow().webContents, permission, '', {}),
  }),
  /** A page-initiated navigation and a window.open, as the guards see them. */
  navigate: ({ url }) => {
    const contents = mainWindow().webContents;
    const event = electronEvent({ url });
    contents.emit('will-navigate', event, url);
    return { prevented: event.defaultPrevented, open: contents.openHandler?.({ url }) ?? null };
  },
  // Both answer first: the process may end right after.
  quit: () => void setImmediate(() => app.quit()),
  closeWindow: () => void setImmediate(() => mainWindow().close()),
};

process.on('message', async (message) => {
  if (!message || typeof message.op !== 'string') return;
  try {
    const op = ops[message.op];
    if (!op) throw new Error(`fake electron: unknown op ${message.op}`);
    report({ type: 'reply', id: message.id, ok: true, value: await op(message) });
  } catch (error) {
    report({ type: 'reply', id: message.id, ok: false, error: String(error?.stack ?? error) });
  }
});
