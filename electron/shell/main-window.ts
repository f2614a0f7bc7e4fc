/**
 * The app window and the options it is created with (SPEC X1). The web preferences are
 * written out literally at the `new BrowserWindow(...)` call, where static checkers such as
 * electronegativity can see them; the constructor is passed in so tests can inspect them.
 */
import type {
  BrowserWindow as ElectronBrowserWindow,
  BrowserWindowConstructorOptions,
} from 'electron';
import type { RestoredBounds } from './window-state';

export type BrowserWindowClass = new (
  options: BrowserWindowConstructorOptions,
) => ElectronBrowserWindow;

export function createMainWindow(
  BrowserWindow: BrowserWindowClass,
  options: { preload: string; bounds: RestoredBounds },
): ElectronBrowserWindow {
  return new BrowserWindow({
    ...options.bounds,
    minWidth: 480,
    minHeight: 320,
    title: 'Linkgraph',
    // Shown on 'ready-to-show', so the window never flashes an empty frame.
    show: false,
    webPreferences: {
      preload: options.preload,
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
      // Middle-click must not open links in new windows (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
    },
  });
}
