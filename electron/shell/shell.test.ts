import { EventEmitter } from 'node:events';
import type { App, BrowserWindowConstructorOptions, Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { isOwnRendererFrame } from './ipc';
import { createMainWindow, type BrowserWindowClass } from './main-window';
import {
  applyCspHeaders,
  CONTENT_SECURITY_POLICY,
  denyPermissions,
  headersWithCsp,
  setupNavigationGuards,
} from './security';

/** A BrowserWindow stand-in that records the options it was created with. */
function recordingWindowClass(): {
  Class: BrowserWindowClass;
  created: BrowserWindowConstructorOptions[];
} {
  const created: BrowserWindowConstructorOptions[] = [];
  class FakeWindow {
    constructor(options: BrowserWindowConstructorOptions) {
      created.push(options);
    }
  }
  return { Class: FakeWindow as unknown as BrowserWindowClass, created };
}

/** A webContents stand-in: records listeners and the window-open handler. */
class FakeContents extends EventEmitter {
  openHandler: ((details: unknown) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: unknown) => { action: string }) {
    this.openHandler = handler;
  }
}

function preventable() {
  let prevented = false;
  return {
    preventDefault: () => {
      prevented = true;
    },
    get prevented() {
      return prevented;
    },
  };
}

describe('Electron shell hardening', () => {
  it('[X1] the window runs with context isolation and sandbox, without Node, webviews or auxclick', () => {
    const { Class, created } = recordingWindowClass();
    createMainWindow(Class, {
      preload: '/app/preload.cjs',
      bounds: { width: 1000, height: 700, x: 10, y: 20 },
    });
    expect(created).toHaveLength(1);
    const options = created[0];
    expect(options).toMatchObject({ width: 1000, height: 700, x: 10, y: 20, show: false });
    expect(options?.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
    });
  });

  it('[X1] IPC is accepted only from frames showing app://linkgraph/', () => {
    expect(isOwnRendererFrame({ url: 'app://linkgraph/index.html' })).toBe(true);
    expect(isOwnRendererFrame({ url: 'app://linkgraph/' })).toBe(true);
    expect(isOwnRendererFrame({ url: 'app://linkgraph.evil/index.html' })).toBe(false);
    expect(isOwnRendererFrame({ url: 'app://evil/index.html' })).toBe(false);
    expect(isOwnRendererFrame({ url: 'app://user@linkgraph/index.html' })).toBe(false);
    expect(
      isOwnRendererFrame({ url: 'file:///opt/Linkgraph/resources/app/dist/renderer/index.html' }),
    ).toBe(false);
    expect(isOwnRendererFrame({ url: 'https://linkgraph/' })).toBe(false);
    expect(isOwnRendererFrame({ url: 'not a url' })).toBe(false);
    expect(isOwnRendererFrame(null)).toBe(false);
  });

  it('[X1] every navigation, redirect, webview and window.open is refused', () => {
    const app = new EventEmitter();
    setupNavigationGuards(app as unknown as Pick<App, 'on'>);
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);

    for (const event of [
      'will-navigate',
      'will-frame-navigate',
      'will-redirect',
      'will-attach-webview',
    ]) {
      const e = preventable();
      contents.emit(event, e);
      expect({ event, prevented: e.prevented }).toEqual({ event, prevented: true });
    }
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('[X1] permission requests and checks are denied', () => {
    let requestHandler: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null =
      null;
    let checkHandler: (() => boolean) | null = null;
    denyPermissions({
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
    } as unknown as Session);
    const answers: boolean[] = [];
    requestHandler!({}, 'media', (granted) => answers.push(granted));
    requestHandler!({}, 'notifications', (granted) => answers.push(granted));
    expect(answers).toEqual([false, false]);
    expect(checkHandler!()).toBe(false);
  });

  it('[X1] app and file pages get the strict CSP header; other responses are untouched', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(
      headersWithCsp('app://linkgraph/index.html', { 'content-security-policy': ['x'], a: ['1'] }),
    ).toEqual({
      a: ['1'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(headersWithCsp('file:///tmp/x.html', undefined)).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(headersWithCsp('https://example.com/', { a: ['1'] })).toBeNull();

    let listener:
      | ((
          details: { url: string; responseHeaders?: Record<string, string[]> },
          cb: (r: unknown) => void,
        ) => void)
      | null = null;
    applyCspHeaders({
      webRequest: { onHeadersReceived: (l: typeof listener) => (listener = l) },
    } as unknown as Session);
    const answers: unknown[] = [];
    listener!({ url: 'app://linkgraph/main.js', responseHeaders: {} }, (r) => answers.push(r));
    listener!({ url: 'http://127.0.0.1:1/x' }, (r) => answers.push(r));
    expect(answers).toEqual([
      { responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
      {},
    ]);
  });

  it('[X1] the CSP header is the same policy as the meta tag in renderer/index.html', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });
});
