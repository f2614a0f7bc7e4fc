/**
 * One running app (two would write the same workspace files): a second launch hands its
 * command line to the first, which comes to the front and opens the file it was given.
 * Files the OS asks us to open before the window is ready (macOS sends `open-file` before
 * `ready`; argv is read at start) wait in a queue until it is.
 */
import type { App } from 'electron';
import { workspaceFileFromArgv } from './workspace-files';

export interface FileOpener {
  /** Opens now if ready, else once `ready()` is called. */
  request(path: string): void;
  ready(): void;
}

export function createFileOpener(open: (path: string) => Promise<unknown>): FileOpener {
  let isReady = false;
  const waiting: string[] = [];
  return {
    request(path) {
      if (isReady) void open(path);
      else if (!waiting.includes(path)) waiting.push(path);
    },
    ready() {
      isReady = true;
      for (const path of waiting.splice(0)) void open(path);
    },
  };
}

/**
 * Takes the single-instance lock. Answers false when another instance holds it: this one
 * must quit (its argv has already been passed to the other's `second-instance`).
 */
export function setupSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on'>,
  handlers: { focus(): void; openFile(path: string): void },
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv, workingDirectory) => {
    handlers.focus();
    const file = workspaceFileFromArgv(argv, workingDirectory);
    if (file) handlers.openFile(file);
  });
  // macOS: double-clicking a file in Finder (the app running or not).
  app.on('open-file', (event, path) => {
    event.preventDefault();
    handlers.openFile(path);
  });
  return true;
}
