/**
 * A stand-in for the `electron` module, so the built main process (dist/electron/main.mjs)
 * runs in plain Node where no Electron binary can be downloaded. It implements only what
 * electron/main.ts, electron/shell/*.ts and electron-store touch, and keeps Electron's
 * ordering rules that a wiring mistake would break (privileged schemes before `ready`;
 * protocol, session, screen and windows only after it), so such a mistake fails here too.
 *
 * The test drives it over the child process's IPC channel (driver.ts, answered by channel.mjs): requests
 * `{ id, op, ...args }` are answered `{ type: 'reply', id, ok, value | error }`; things the
 * app does on its own are reported as `{ type: <event>, ... }`.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const report = (message) => process.send?.(message);
const notReady = (what) => new Error(`fake electron: ${what} cannot be used before app is ready`);

/** An Electron event object: listeners may call preventDefault(). */
const electronEvent = (fields = {}) => {
  const event = { ...fields, defaultPrevented: false };
  event.preventDefault = () => (event.defaultPrevented = true);
  return event;
};

/** Electron reads the app's name and version from the package.json next to the entry. */
function appPackage() {
  for (let dir = dirname(process.argv[1] ?? '.'); ; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      if (dirname(dir) === dir) return {};
    }
  }
}

let ready = false;
let resolveReady;
const readyPromise = new Promise((resolve) => (resolveReady = resolve));
const errorBoxes = [];

class App extends EventEmitter {
  isPackaged = false;
  aboutPanelOptions = null;
  #pkg = appPackage();
  #name = this.#pkg.productName ?? this.#pkg.name ?? 'Electron';
  #paths = new Map([['appData', join(tmpdir(), 'fake-electron-appData')]]);

  whenReady() {
    return readyPromise;
  }
  isReady() {
    return ready;
  }
  getName() {
    return this.#name;
  }
  setName(name) {
    this.#name = name;
  }
  getVersion() {
    return this.#pkg.version ?? '0.0.0';
  }
  setPath(name, path) {
    this.#paths.set(name, path);
  }
  getPath(name) {
    const known = {
      userData: () => join(this.getPath('appData'), this.#name),
      documents: () => join(homedir(), 'Documents'),
      home: () => homedir(),
      temp: () => tmpdir(),
    };
    const path = this.#paths.get(name) ?? known[name]?.();
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  /** Held per userData folder, as Electron does, through a lock file naming the holder's pid. */
  requestSingleInstanceLock() {
    const file = join(this.getPath('userData'), 'SingletonLock');
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
    } catch {
      const holder = Number(readFileSync(file, 'utf8'));
      if (holder !== process.pid && isAlive(holder)) return false;
      writeFileSync(file, String(process.pid));
    }
    process.once('exit', () => rmSync(file, { force: true }));
    return true;
  }

  setAboutPanelOptions(options) {
    this.aboutPanelOptions = options;
  }
  showAboutPanel() {
    report({ type: 'about-panel' });
  }

  /** Electron's order: before-quit, each window's close, will-quit, quit, then the process ends. */
  quit() {
    if (this.emitPrevented('before-quit')) return;
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.closeForQuit()) return;
    }
    if (this.emitPrevented('will-quit')) return;
    this.emit('quit', electronEvent(), 0);
    this.exit(0);
  }
  exit(code = 0) {
    report({ type: 'exit', code });
    process.exit(code);
  }
  emitPrevented(name, ...args) {
    const event = electronEvent();
    this.emit(name, event, ...args);
    return event.defaultPrevented;
  }
}

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export const app = new App();

// Electron emits `ready` once the main script has run: after the whole module graph of
// main.mjs has been evaluated, which a timer started now is.
setTimeout(() => {
  ready = true;
  app.emit('ready', electronEvent(), {});
  resolveReady();
}, 0);

const privilegedSchemes = [];
const protocolHandlers = new Map();
export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged must be called before ready');
    privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    if (!ready) throw notReady('protocol.handle');
    if (protocolHandlers.has(scheme)) throw new Error(`Protocol already handled: ${scheme}`);
    protocolHandlers.set(scheme, handler);
  },
  isProtocolHandled: (scheme) => protocolHandlers.has(scheme),
};

/** What a page load through a registered protocol answers (Electron fetches it the same way). */
async function fetchThroughProtocol(url, method = 'GET') {
  const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
  if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME loading '${url}'`);
  const response = await handler(new Request(url, { method }));
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
}

const sessionHooks = { headersReceived: null, permissionRequest: null, permissionCheck: null };
const defaultSession = {
  webRequest: {
    onHeadersReceived(filterOrListener, listener) {
      sessionHooks.headersReceived = listener ?? filterOrListener;
    },
  },
  setPermissionRequestHandler: (handler) => (sessionHooks.permissionRequest = handler),
  setPermissionCheckHandler: (handler) => (sessionHooks.permissionCheck = handler),
};
export const session = {
  get defaultSession() {
    if (!ready) throw notReady('session.defaultSession');
    return defaultSession;
  },
};

let nextContentsId = 1;
class WebContents extends EventEmitter {
  id = nextContentsId++;
  url = '';
  sent = [];
  openHandler = null;
  destroyed = false;
  send(channel, ...args) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler) {
    this.openHandler = handler;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const windows = [];
export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows.filter((w) => !w.isDestroyed());
  }
  #destroyed = false;
  #visible = false;
  #maximized = false;

  constructor(options = {}) {
    super();
    if (!ready) throw notReady('BrowserWindow');
    this.options = options;
    this.bounds = {
      x: options.x ?? 0,
      y: options.y ?? 0,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    this.webContents = new WebContents();
    windows.push(this);
    app.emit('web-contents-created', electronEvent(), this.webContents);
    report({ type: 'window-created', id: this.webContents.id });
  }

  /** Loads through the registered protocol; the session's header hook sees the response. */
  async loadURL(url) {
    const response = await fetchThroughProtocol(url);
    this.webContents.url = url;
    this.webContents.emit('dom-ready', electronEvent());
    this.webContents.emit('did-finish-load', electronEvent());
    this.emit('ready-to-show', electronEvent());
    report({ type: 'loaded', url, status: response.status });
  }

  show() {
    this.#visible = true;
  }
  hide() {
    this.#visible = false;
  }
  focus() {}
  restore() {}
  isVisible() {
    return this.#visible;
  }
  isMinimized() {
    return false;
  }
  maximize() {
    this.#maximized = true;
    this.emit('maximize', electronEvent());
  }
  isMaximized() {
    return this.#maximized;
  }
  getBounds() {
    return { ...this.bounds };
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  isDestroyed() {
    return this.#destroyed;
  }
  /** Answers false when a `close` listener kept the window open. */
  closeForQuit() {
    const event = electronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.#destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    return true;
  }
  /** The person closed it: the last window closing emits `window-all-closed` (or quits). */
  close() {
    if (!this.closeForQuit() || BrowserWindow.getAllWindows().length > 0) return;
    if (app.listenerCount('window-all-closed') > 0) app.emit('window-all-closed');
    else app.quit();
  }
  describe() {
    return {
      id: this.webContents.id,
      options: this.options,
      url: this.webContents.url,
      visible: this.#visible,
      maximized: this.#maximized,
      destroyed: this.#destroyed,
      sent: this.webContents.sent,
    };
  }
}

class IpcMain extends EventEmitter {
  handlers = new Map();
  handle(channel, handler) {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel) {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new IpcMain();

let applicationMenu = null;
/** Electron refuses the same malformed items at build time. */
const checkTemplate = (template) => {
  if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: not an array');
  for (const item of template) {
    if (!item.label && !item.role && !item.type)
      throw new TypeError(
        'Invalid template for MenuItem: must have at least one of label, role or type',
      );
    if (Array.isArray(item.submenu)) checkTemplate(item.submenu);
  }
};
export class Menu {
  static buildFromTemplate(template) {
    checkTemplate(template);
    const menu = new Menu();
    menu.template = template;
    return menu;
  }
  static setApplicationMenu(menu) {
    applicationMenu = menu;
  }
  static getApplicationMenu() {
    return applicationMenu;
  }
}

class NativeTheme extends EventEmitter {
  #source = 'system';
  get themeSource() {
    return this.#source;
  }
  set themeSource(value) {
    if (!['system', 'light', 'dark'].includes(value))
      throw new TypeError(`Invalid themeSource: ${value}`);
    this.#source = value;
    this.emit('updated');
  }
  get shouldUseDarkColors() {
    return this.#source === 'dark';
  }
}
export const nativeTheme = new NativeTheme();

export const dialog = {
  showErrorBox(title, content) {
    errorBoxes.push({ title, content });
    console.error(`[fake electron] error box: ${title}: ${content}`);
    report({ type: 'error-box', title, content });
  },
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true }),
  // (window, options) or (options): the last argument; Cancel is pressed.
  showMessageBox: async (...args) => ({ response: args.at(-1).cancelId ?? 0 }),
};

let clipboardText = '';
export const clipboard = {
  writeText: (text) => (clipboardText = text),
  readText: () => clipboardText,
};

export const shell = {
  openPath: async (path) => (report({ type: 'open-path', path }), ''),
  openExternal: async (url) => void report({ type: 'open-external', url }),
};

// No OS keychain here: the app must refuse to keep a team token rather than store it plainly
// (electron/shell/team-workspaces.ts), as Electron does on a Linux session without one.
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('fake electron: encryption is not available');
  },
  decryptString: () => {
    throw new Error('fake electron: encryption is not available');
  },
};

const DISPLAY = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
};
export const screen = Object.assign(new EventEmitter(), {
  getAllDisplays() {
    if (!ready) throw notReady('screen');
    return [DISPLAY];
  },
  getPrimaryDisplay() {
    if (!ready) throw notReady('screen');
    return DISPLAY;
  },
});

export default {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
};

/** What channel.mjs (the test's side) reads of this fake's state; not part of Electron's API. */
export const fakeState = {
  get ready() {
    return ready;
  },
  get applicationMenu() {
    return applicationMenu;
  },
  privilegedSchemes,
  protocolHandlers,
  sessionHooks,
  windows,
  errorBoxes,
  electronEvent,
  fetchThroughProtocol,
  report,
};

// The test's side of the channel. Loaded from here (not from register.mjs) so the fake comes
// to life only when the app imports `electron`, as the real module does.
void import('./channel.mjs');
