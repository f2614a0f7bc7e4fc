/**
 * The built main process (`dist/electron/main.mjs`) run end to end in plain Node, with
 * `electron` replaced by the fake in support/fake-electron: where no Electron binary can be
 * installed (electron-app.spec.ts skips), this still proves the bundle starts and wires
 * protocol, window, security, IPC, menu, theme and quit together as Electron would drive them.
 * No browser page: the renderer is played by IPC calls made from the window's frame.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../electron/shell/security';
import { ipcChannel } from '../shared/contract/channel';
import { METHOD_NAMES, type MethodName } from '../shared/contract/method-names';
import { SHELL_EVENT_CHANNEL } from '../shared/contract/shell-events';
import { FakeElectronApp, MAIN_ENTRY } from './support/fake-electron/driver';

const OWN_FRAME = 'app://linkgraph/index.html';
const STARTER_TITLES = ['Build the API', 'Design the schema', 'Ship the editor', 'Write the guide'];

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
interface Graph {
  nodes: { id: string; title: string }[];
  links: { id: string; source: string; target: string }[];
}
interface Batch {
  nodes: { after: { id: string } }[];
  links: { after: { id: string } }[];
}
interface MenuItem {
  label?: string;
  role?: string;
  checked?: boolean;
  submenu?: MenuItem[];
}
interface FakeState {
  appName: string;
  aboutPanelOptions: { applicationName: string } | null;
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  handledSchemes: string[];
  ipcChannels: string[];
  themeSource: string;
  menu: MenuItem[] | null;
  windows: {
    options: { show: boolean; x?: number; y?: number; webPreferences: Record<string, unknown> };
    url: string;
    visible: boolean;
    sent: { channel: string; args: unknown[] }[];
  }[];
  errorBoxes: unknown[];
}
interface Fetched {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const freshDataDir = () => mkdtempSync(join(tmpdir(), 'linkgraph-fake-electron-'));

/** `ipcRenderer.invoke` of a service method, from our own page unless told otherwise. */
const call = <T>(
  app: FakeElectronApp,
  method: MethodName,
  params?: unknown,
  frameUrl = OWN_FRAME,
) => app.request<Answer<T>>('invoke', { channel: ipcChannel(method), params, frameUrl });

async function value<T>(app: FakeElectronApp, method: MethodName, params?: unknown): Promise<T> {
  const answer = await call<T>(app, method, params);
  if (!answer.ok)
    throw new Error(`${method} refused: ${answer.error.code} ${answer.error.message}`);
  return answer.value;
}

/** Launches and waits until the window has loaded the renderer. */
async function launch(dataDir: string): Promise<FakeElectronApp> {
  const app = FakeElectronApp.launch(dataDir);
  try {
    await app.waitFor('loaded');
  } catch (error) {
    await app.kill();
    throw error;
  }
  return app;
}

const state = (app: FakeElectronApp) => app.request<FakeState>('state');
const menuItem = (
  items: MenuItem[] | null | undefined,
  ...path: string[]
): MenuItem | undefined => {
  const [first, ...rest] = path;
  const found = items?.find((i) => (i.label ?? i.role)?.replace('&', '') === first);
  return rest.length === 0 ? found : menuItem(found?.submenu, ...rest);
};

test.describe('built main process under a fake Electron', () => {
  test('[X1] serves the renderer over app:// into a locked-down window, with guarded IPC and a menu', async () => {
    const dataDir = freshDataDir();
    const app = await launch(dataDir);
    try {
      expect(await app.waitFor('loaded')).toMatchObject({ url: OWN_FRAME, status: 200 });
      const s = await state(app);
      expect(s.errorBoxes).toEqual([]);
      expect(s.appName).toBe('Linkgraph');
      expect(s.aboutPanelOptions?.applicationName).toBe('Linkgraph');

      // app:// is a standard, secure scheme (registered before ready) and serves dist/renderer.
      expect(s.privilegedSchemes).toEqual([
        expect.objectContaining({
          scheme: 'app',
          privileges: expect.objectContaining({ standard: true, secure: true }),
        }),
      ]);
      expect(s.handledSchemes).toEqual(['app']);
      const page = await app.request<Fetched>('fetch', { url: OWN_FRAME });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(page.body).toContain('<div id="root"></div>');
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)?.[1];
      expect(script).toBeTruthy();
      const js = await app.request<Fetched>('fetch', { url: `app://linkgraph/${script}` });
      expect([js.status, js.headers['content-type']]).toEqual([
        200,
        'text/javascript; charset=utf-8',
      ]);
      const escape = await app.request<Fetched>('fetch', {
        url: 'app://linkgraph/%2e%2e/package.json',
      });
      expect(escape.status).toBe(404);
      const post = await app.request<Fetched>('fetch', { url: OWN_FRAME, method: 'POST' });
      expect(post.status).toBe(405);

      // One window, hidden until ready-to-show, sandboxed, isolated, no Node.
      expect(s.windows).toHaveLength(1);
      const [window] = s.windows;
      expect(window?.url).toBe(OWN_FRAME);
      expect(window?.options.show).toBe(false);
      expect(window?.visible).toBe(true);
      expect(window?.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        webviewTag: false,
        preload: join(MAIN_ENTRY, '..', 'preload.cjs'),
      });
      // The saved preferences reach the page once it has loaded.
      expect(window?.sent).toContainEqual({
        channel: SHELL_EVENT_CHANNEL,
        args: [{ type: 'set-theme', theme: 'system' }],
      });

      // Session hardening: CSP on app pages only, every permission refused, no navigation.
      expect(await app.request('headersReceived', { url: OWN_FRAME, responseHeaders: {} })).toEqual(
        { responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
      );
      expect(
        await app.request('headersReceived', { url: 'https://example.com/', responseHeaders: {} }),
      ).toEqual({});
      expect(await app.request('permission', { permission: 'media' })).toEqual({
        request: false,
        check: false,
      });
      expect(await app.request('navigate', { url: 'https://evil.example/' })).toEqual({
        prevented: true,
        open: { action: 'deny' },
      });

      // One IPC handler per contract method; only our own page is answered.
      expect([...s.ipcChannels].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
      const info = await value<{ mode: string; version: string }>(app, 'app.info');
      expect(info).toMatchObject({ mode: 'electron', version: '0.2.0' });
      for (const foreign of ['https://evil.example/', 'file:///tmp/index.html']) {
        const refused = await call(app, 'graph.get', undefined, foreign);
        expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden.untrusted_sender' } });
      }

      // The application menu is installed, built from the service's state.
      const topLevel = (s.menu ?? []).map((i) => (i.label ?? i.role)?.replace('&', ''));
      expect(topLevel).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'help']));
      expect(menuItem(s.menu, 'File', 'Open', 'My first plan')?.checked).toBe(true);
      expect(menuItem(s.menu, 'View', 'Theme', 'Match System')?.checked).toBe(true);

      // A second launch on the same data folder hands over and quits without a window.
      const second = FakeElectronApp.launch(dataDir);
      try {
        await expect.poll(() => second.running, { timeout: 10_000 }).toBe(false);
        expect(await second.exited).toBe(0);
        expect(second.events.filter((e) => e.type === 'window-created')).toEqual([]);
      } finally {
        await second.kill();
      }

      // Closing the only window quits the app (window-all-closed), cleanly.
      expect(await app.closeWindow()).toBe(0);
    } finally {
      await app.kill();
    }
  });

  test('[S1] a link drawn over IPC survives quit and relaunch; the theme reaches nativeTheme', async () => {
    const dataDir = freshDataDir();
    let app = await launch(dataDir);
    const link = { id: '', source: '', target: '' };
    try {
      const starter = await value<Graph>(app, 'graph.get');
      expect(starter.nodes.map((n) => n.title).sort()).toEqual(STARTER_TITLES);
      expect(starter.links).toHaveLength(2);

      const create = async (title: string) =>
        (
          await value<Batch>(app, 'node.create', {
            title,
            kind: 'task',
            position: { x: 0, y: 400 },
          })
        ).nodes[0]?.after.id ?? '';
      const [source, target] = [await create('Smoke source'), await create('Smoke target')];
      const drawn = await value<Batch>(app, 'link.create', { source, target });
      Object.assign(link, { id: drawn.links[0]?.after.id ?? '', source, target });
      expect(link.id).not.toBe('');

      // The toolbar's theme choice: saved through the service, followed by the native theme
      // and (debounced) by the menu's check marks.
      await value(app, 'preferences.set', { theme: 'dark' });
      expect((await state(app)).themeSource).toBe('dark');
      await expect
        .poll(async () => menuItem((await state(app)).menu, 'View', 'Theme', 'Dark')?.checked)
        .toBe(true);

      expect(await app.quit()).toBe(0);
    } finally {
      await app.kill();
    }

    app = await launch(dataDir);
    try {
      const reopened = await value<Graph>(app, 'graph.get');
      expect(reopened.nodes).toHaveLength(6);
      expect(reopened.links).toContainEqual(expect.objectContaining(link));
      const s = await state(app);
      expect(s.themeSource).toBe('dark');
      // The window's place was saved when quitting closed it, and is restored.
      expect(s.windows[0]?.options).toMatchObject({ x: 0, y: 0, width: 1280, height: 800 });
      expect(await app.quit()).toBe(0);
    } finally {
      await app.kill();
    }
  });
});
