/**
 * Starts the service over a data folder — settings, the workspace hub, the starter workspace
 * on first run, the method table — the same way for the Electron app and headless serve.
 */
import { mkdirSync } from 'node:fs';
import type { AppInfo } from '../../shared/contract/methods';
import { openSettings, type OpenedSettings } from '../settings/open-settings';
import { appHandlers } from './handlers';
import { PreferenceStore } from './preferences';
import { createService, type Service } from './service';
import { ensureStarterWorkspace } from './starter-workspace';
import { WorkspaceHub } from './workspace-hub';

export interface StartedService {
  service: Service;
  hub: WorkspaceHub;
  settings: OpenedSettings['settings'];
  /** The member the app window (or serve's printed token) speaks for: the person's profile. */
  owner: string;
  /** The person's preferences; the desktop shell listens for the toolbar's changes. */
  preferences: PreferenceStore;
  problems: string[];
}

export async function startService(options: {
  dataDir: string;
  mode: AppInfo['mode'];
  version: string;
  settingsFactory?: Parameters<typeof openSettings>[2];
}): Promise<StartedService> {
  mkdirSync(options.dataDir, { recursive: true });
  const { settings, problems } = openSettings(
    options.dataDir,
    options.version,
    options.settingsFactory,
  );
  const hub = new WorkspaceHub(options.dataDir, settings);
  const starter = await ensureStarterWorkspace(hub);
  if (!starter.ok) problems.push(starter.error.message);
  const preferences = new PreferenceStore(settings);
  const service = createService(
    appHandlers({
      hub,
      settings,
      preferences,
      mode: options.mode,
      version: options.version,
      problems,
    }),
  );
  return { service, hub, settings, owner: hub.profile().id, preferences, problems };
}
