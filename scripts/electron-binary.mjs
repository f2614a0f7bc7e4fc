// Finds the Electron binary without triggering the `electron` package's own download (which
// throws a stack trace when offline). Shared by `npm start` and the Electron e2e tests.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const executableByPlatform = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

export function electronPackageDir() {
  return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

/** The binary's path, or null when no binary is present. */
export function findElectronBinary(env = process.env) {
  const pkg = electronPackageDir();
  const pathFile = join(pkg, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const name = recorded ?? executableByPlatform[process.platform] ?? 'electron';
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, name)
    : join(pkg, 'dist', name);
  return existsSync(candidate) ? candidate : null;
}

export const HOW_TO_GET_ELECTRON =
  'The Electron binary is not installed and could not be downloaded: run "npx install-electron" with network access, ' +
  'or download the Electron release matching package.json for your platform, unpack it, and set ELECTRON_OVERRIDE_DIST_PATH to that folder.';
