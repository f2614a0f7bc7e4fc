/**
 * Starts the service over a data folder — settings, the workspace list (rebuilt from the
 * folders when settings lost it), the starter workspace on first run, the method table — the
 * same way for the Electron app and headless serve.
 *
 * A data folder that cannot be written at start (a full disk) opens read-only rather than
 * not at all: settings are kept in memory, every change is refused with
 * `internal.read_only` (read-only-gate.ts), and reading and exporting work.
 */
import { mkdirSync } from 'node:fs';
import type { AppInfo } from '../../shared/contract/methods';
import { openSettings, type SettingsHandle } from '../settings/open-settings';
import type { Settings } from '../settings/schema';
import { saveSettings } from '../settings/settings-write';
import { appHandlers } from './handlers';
import { settingsTokenBook, type TokenBook } from './token-book';
import { PreferenceStore } from './preferences';
import { readOnlyGate, readOnlyNotice } from './read-only-gate';
import { reconcileWorkspaces } from './recover-workspaces';
import { createService, type Service } from './service';
import { ensureStarterWorkspace } from './starter-workspace';
import { removeUnfinishedCreations } from './workspace-folders';
import { newProfile, WorkspaceHub } from './workspace-hub';

export interface StartedService {
  service: Service;
  hub: WorkspaceHub;
  settings: SettingsHandle;
  /** The member the app window (or serve's printed token) speaks for: the person's profile. */
  owner: string;
  /** Member tokens (hashes in settings); `onRevoked` tells the transports to cut them. */
  tokens: TokenBook;
  /** The person's preferences; the desktop shell listens for the toolbar's changes. */
  preferences: PreferenceStore;
  problems: string[];
  /**
   * Settings that must be written at start (serve's owner token): written to the file, or,
   * when the disk refuses them, the service turns read-only (and says so) and keeps them
   * in memory for this run.
   */
  persistAtStart(values: Partial<Settings>): void;
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
  const persistAtStart = (values: Partial<Settings>): void => {
    const saved = saveSettings(settings, values);
    if (saved.ok) return;
    settings.enterReadOnly(saved.error.message);
    settings.set(values);
  };

  // A create the process did not finish was never acknowledged: its folder goes.
  removeUnfinishedCreations(options.dataDir);
  const reconciled = await reconcileWorkspaces(options.dataDir, {
    profile: settings.get('profile'),
    workspaces: settings.get('workspaces'),
    openWorkspace: settings.get('openWorkspace'),
  });
  problems.push(...reconciled.problems);
  if (reconciled.values) persistAtStart(reconciled.values);
  if (!settings.get('profile')) persistAtStart({ profile: newProfile() });

  const hub = new WorkspaceHub(options.dataDir, settings);
  if (!settings.readOnly) {
    const starter = await ensureStarterWorkspace(hub);
    if (!starter.ok) problems.push(starter.error.message);
  }
  const preferences = new PreferenceStore(settings);
  const tokens = settingsTokenBook(settings);
  const readOnly = () => settings.readOnly;
  const service = createService(
    readOnlyGate(
      appHandlers({
        hub,
        settings,
        tokens,
        preferences,
        mode: options.mode,
        version: options.version,
        // Read at each call: the service may turn read-only after this line (persistAtStart).
        problems: () => [...(readOnly() ? [readOnlyNotice(readOnly() ?? '')] : []), ...problems],
      }),
      readOnly,
    ),
  );
  return {
    service,
    hub,
    settings,
    owner: hub.profile().id,
    preferences,
    tokens,
    get problems() {
      return [...(readOnly() ? [readOnlyNotice(readOnly() ?? '')] : []), ...problems];
    },
    persistAtStart,
  };
}
