/**
 * Opens the settings file with conf (headless serve) or electron-store (the app); both take
 * the same options. A damaged file is never silently replaced: it is kept aside as
 * `settings.json.corrupt-<time>`, defaults open, and the problem is reported.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import {
  SETTINGS_FILE_NAME,
  settingsDefaults,
  settingsMigrations,
  settingsSchema,
  type Settings,
} from './schema';

/** The part of conf / electron-store the service uses. */
export interface SettingsStore {
  get<K extends keyof Settings>(key: K): Settings[K];
  set<K extends keyof Settings>(key: K, value: Settings[K]): void;
  readonly path: string;
}

export interface OpenedSettings {
  settings: SettingsStore;
  problems: string[];
}

type SettingsFactory = (options: ConstructorParameters<typeof Conf<Settings>>[0]) => SettingsStore;

export function openSettings(
  dataDir: string,
  appVersion: string,
  factory: SettingsFactory = (options) => new Conf<Settings>(options),
): OpenedSettings {
  const options = {
    cwd: dataDir,
    configName: SETTINGS_FILE_NAME,
    projectName: 'linkgraph',
    projectVersion: appVersion,
    schema: settingsSchema,
    defaults: settingsDefaults,
    migrations: settingsMigrations,
    clearInvalidConfig: false,
  };
  try {
    return { settings: factory(options), problems: [] };
  } catch (error) {
    const file = join(dataDir, `${SETTINGS_FILE_NAME}.json`);
    if (!existsSync(file)) throw error;
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    const reason = error instanceof Error ? error.message : String(error);
    return {
      settings: factory(options),
      problems: [
        `The settings file could not be read (${reason}); it was kept as ${aside} and defaults were used.`,
      ],
    };
  }
}
