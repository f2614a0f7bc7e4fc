/**
 * Where data lives when no `--data DIR` is given: the same folder Electron's
 * `app.getPath('userData')` gives for an app named Linkgraph, so the app and headless
 * serve share one data folder by default.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Linkgraph';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}
