/**
 * Opens the settings file with conf (headless serve) or electron-store (the app); both take
 * the same options. A damaged file is never silently replaced: it is kept aside as
 * `settings.json.corrupt-<time>`, defaults open, and the problem is reported.
 *
 * A file that cannot be written (a full disk, a read-only folder) does not stop the app: the
 * settings open read-only, from what the file holds, in memory (`SettingsHandle.readOnly`
 * says why). The service then refuses every change (start-service.ts) while the person can
 * still read and export.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { withDurableWrites } from './durable-conf';
import { readSettingsFile } from './read-settings-file';
import {
  SETTINGS_FILE_NAME,
  settingsDefaults,
  settingsMigrations,
  settingsSchema,
  type Settings,
} from './schema';
import { isStorageFailure, settingsWriteError } from './settings-write';

/** The part of conf / electron-store the service uses. */
export interface SettingsStore {
  get<K extends keyof Settings>(key: K): Settings[K];
  set<K extends keyof Settings>(key: K, value: Settings[K]): void;
  /** Several keys in one rewrite of the file. */
  set(values: Partial<Settings>): void;
  readonly path: string;
}

export interface OpenedSettings {
  settings: SettingsHandle;
  problems: string[];
}

/** conf, writing its file in full or not at all (durable-conf.ts). */
const DurableConf = withDurableWrites(Conf);

type SettingsFactory = (options: ConstructorParameters<typeof Conf<Settings>>[0]) => SettingsStore;

const SETTING_KEYS = Object.keys(settingsDefaults) as (keyof Settings)[];

/**
 * The settings the service holds: the file (through conf) until something makes the data
 * folder unwritable at start, then a copy in memory that is never written back. Values set
 * while read-only (a token minted for this run, a workspace list rebuilt from the folders)
 * last until the process ends.
 */
export class SettingsHandle implements SettingsStore {
  private memory: Settings | null = null;
  private why: string | null = null;

  constructor(
    private readonly file: SettingsStore | null,
    readonly path: string,
    readOnly?: { reason: string; values: Settings },
  ) {
    if (readOnly) {
      this.memory = readOnly.values;
      this.why = readOnly.reason;
    }
  }

  /** Why the settings are read-only (null: they are written to the file as usual). */
  get readOnly(): string | null {
    return this.why;
  }

  get<K extends keyof Settings>(key: K): Settings[K] {
    if (this.memory || !this.file) return structuredClone((this.memory ?? settingsDefaults)[key]);
    return this.file.get(key);
  }

  set<K extends keyof Settings>(key: K, value: Settings[K]): void;
  set(values: Partial<Settings>): void;
  set<K extends keyof Settings>(keyOrValues: K | Partial<Settings>, value?: Settings[K]): void {
    const values =
      typeof keyOrValues === 'string' ? { [keyOrValues]: value } : (keyOrValues as object);
    if (this.memory) {
      this.memory = { ...this.memory, ...structuredClone(values) };
      return;
    }
    if (!this.file) throw new Error('settings have no file and are not read-only');
    this.file.set(values);
  }

  /** From now on the settings live in memory only; `reason` says why, in words for the person. */
  enterReadOnly(reason: string): void {
    if (this.memory) return;
    this.memory = Object.fromEntries(SETTING_KEYS.map((key) => [key, this.get(key)])) as never;
    this.why = reason;
  }
}

export function openSettings(
  dataDir: string,
  appVersion: string,
  factory: SettingsFactory = (options) => new DurableConf<Settings>(options),
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
  const file = join(dataDir, `${SETTINGS_FILE_NAME}.json`);
  const problems: string[] = [];
  const open = (): OpenedSettings => {
    try {
      return { settings: new SettingsHandle(factory(options), file), problems };
    } catch (cause) {
      // conf rewrites the file while opening (defaults, migrations); a full disk is not damage.
      if (!isStorageFailure(cause)) throw cause;
      const { values, problem } = readSettingsFile(file);
      if (problem) problems.push(problem);
      const reason = settingsWriteError(cause, file).message;
      return { settings: new SettingsHandle(null, file, { reason, values }), problems };
    }
  };
  try {
    return open();
  } catch (error) {
    if (!existsSync(file)) throw error;
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    const reason = error instanceof Error ? error.message : String(error);
    problems.push(
      `The settings file could not be read (${reason}); it was kept as ${aside} and defaults were used.`,
    );
    return open();
  }
}
