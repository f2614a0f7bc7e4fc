/**
 * Settings kept by electron-store (in the app) or conf (headless serve): the same schema,
 * defaults and migrations, in one file named `settings.json` in the data folder. Graphs do
 * not live here (SPEC S1): each workspace has durable files of its own.
 */
import type { Schema } from 'conf';

export interface WorkspaceEntry {
  id: string;
  name: string;
  created_time: string;
}

export interface ApiTokenEntry {
  /** Which member of which workspace the token speaks for. */
  workspace: string;
  member: string;
  /** sha256 of the token, hex: tokens are shown once and never stored in clear. */
  hash: string;
  label: string;
  created_time: string;
}

/** The person using the app: owner of every workspace they create here. */
export interface Profile {
  id: string;
  username: string;
  email: string;
}

export interface Settings {
  profile: Profile | null;
  workspaces: WorkspaceEntry[];
  openWorkspace: string | null;
  theme: 'system' | 'light' | 'dark';
  api: { enabled: boolean; port: number };
  window: { width: number; height: number; x?: number; y?: number; maximized: boolean };
  apiTokens: ApiTokenEntry[];
}

export const SETTINGS_FILE_NAME = 'settings';

export const settingsDefaults: Settings = {
  profile: null,
  workspaces: [],
  openWorkspace: null,
  theme: 'system',
  api: { enabled: false, port: 0 },
  window: { width: 1280, height: 800, maximized: false },
  apiTokens: [],
};

export const settingsSchema: Schema<Settings> = {
  profile: {
    type: ['object', 'null'],
    required: ['id', 'username', 'email'],
    properties: {
      id: { type: 'string', maxLength: 36 },
      username: { type: 'string', maxLength: 80 },
      email: { type: 'string', maxLength: 254 },
    },
  },
  workspaces: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'name', 'created_time'],
      properties: {
        id: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
        name: { type: 'string', maxLength: 200 },
        created_time: { type: 'string' },
      },
    },
  },
  openWorkspace: { type: ['string', 'null'] },
  theme: { type: 'string', enum: ['system', 'light', 'dark'] },
  api: {
    type: 'object',
    required: ['enabled', 'port'],
    properties: {
      enabled: { type: 'boolean' },
      port: { type: 'integer', minimum: 0, maximum: 65535 },
    },
  },
  window: {
    type: 'object',
    required: ['width', 'height', 'maximized'],
    properties: {
      width: { type: 'integer', minimum: 200 },
      height: { type: 'integer', minimum: 150 },
      x: { type: 'integer' },
      y: { type: 'integer' },
      maximized: { type: 'boolean' },
    },
  },
  apiTokens: {
    type: 'array',
    items: {
      type: 'object',
      required: ['workspace', 'member', 'hash', 'label', 'created_time'],
      properties: {
        workspace: { type: 'string' },
        member: { type: 'string' },
        hash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        label: { type: 'string', maxLength: 200 },
        created_time: { type: 'string' },
      },
    },
  },
};

/**
 * Versioned migrations, keyed by the app version that introduced them. Each is a pure
 * function of the stored object, so it can be tested against fixture files of old versions.
 */
export type SettingsMigration = (store: {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}) => void;
export const settingsMigrations: Record<string, SettingsMigration> = {
  // 0.1.0 is the first layout; migrations for later layouts go here.
  '0.1.0': () => {},
};
