/**
 * Electron main process: starts the service over the data folder (settings in
 * electron-store), then one window that loads the built renderer. Each feature is set up by
 * its own module in shell/.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import ElectronStore from 'electron-store';
import { startService } from './service/start-service';
import type { Settings } from './settings/schema';
import { setupDiffPush, setupIpc } from './shell/ipc';
import { denyPermissions, secureWebPreferences, setupNavigationGuards } from './shell/security';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '..', 'renderer');

// `--data DIR` points the app at another data folder (as serve does).
const dataFlag = process.argv.indexOf('--data');
const dataArg = dataFlag >= 0 ? process.argv[dataFlag + 1] : undefined;
if (dataArg) app.setPath('userData', resolve(dataArg));
app.setName('Linkgraph');

setupNavigationGuards(app);

app.whenReady().then(async () => {
  const started = await startService({
    dataDir: app.getPath('userData'),
    mode: 'electron',
    version: app.getVersion(),
    settingsFactory: (options) =>
      new ElectronStore<Settings>({ ...options, name: options?.configName }),
  });
  setupIpc(ipcMain, started.service, rendererDir, () => started.owner);
  setupDiffPush(started, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  denyPermissions(session.defaultSession);

  const { width, height } = started.settings.get('window');
  const window = new BrowserWindow({
    width,
    height,
    title: 'Linkgraph',
    show: false,
    webPreferences: secureWebPreferences(join(here, 'preload.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(rendererDir, 'index.html'));

  app.on('before-quit', () => void started.hub.closeAll());
});

app.on('window-all-closed', () => app.quit());
