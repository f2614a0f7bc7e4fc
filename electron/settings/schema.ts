/**
 * Settings kept by electron-store (in the app) or conf (headless serve): the same schema,
 * defaults and migrations, in one file named `settings.json` in the data folder. Graphs do
 * not live here (SPEC S1): each workspace has durable files of its own.
 */
import type { Schema } from 'conf';
import type { BlockingSetting, ThemeSetting } from '../../shared/contract/shell-events';
import { LINK_TYPES, type LinkType } from '../../shared/model/types';
import { MAX_RECENT, migrateTo020, toConfMigration } from './migrations';

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

/** A team server the person opened (File › Open Team Workspace), its token encrypted. */
export interface TeamServerEntry {
  origin: string;
  /** The member token encrypted by Electron's safeStorage (OS keychain), base64. Never clear. */
  token_encrypted: string;
  saved_time: string;
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
  /** Workspace ids, most recently opened first (File › Open Recent). Since 0.2.0. */
  recentWorkspaces: string[];
  theme: ThemeSetting;
  /** How new links are drawn: '' is a plain dependency link (SPEC L1). Since 0.2.0. */
  linkDefaults: { linkType: LinkType | ''; blocking: BlockingSetting };
  /** Which way auto-layout lays a plan out. Since 0.2.0 (absent before: the default). */
  layoutDirection: 'LR' | 'TB';
  /** The local API (SPEC X2) in the app: off unless turned on; port 0 picks a free one. */
  api: { enabled: boolean; port: number };
  window: { width: number; height: number; x?: number; y?: number; maximized: boolean };
  apiTokens: ApiTokenEntry[];
  /** Team servers to open again, most recent first (electron/shell/team-workspaces.ts). */
  teamServers: TeamServerEntry[];
}

export const SETTINGS_FILE_NAME = 'settings';
export { MAX_RECENT };

export const settingsDefaults: Settings = {
  profile: null,
  workspaces: [],
  openWorkspace: null,
  recentWorkspaces: [],
  theme: 'system',
  linkDefaults: { linkType: '', blocking: 'default' },
  layoutDirection: 'LR',
  api: { enabled: false, port: 0 },
  window: { width: 1280, height: 800, maximized: false },
  apiTokens: [],
  teamServers: [],
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
  recentWorkspaces: {
    type: 'array',
    maxItems: MAX_RECENT,
    items: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
  },
  theme: { type: 'string', enum: ['system', 'light', 'dark'] },
  linkDefaults: {
    type: 'object',
    required: ['linkType', 'blocking'],
    properties: {
      linkType: { type: 'string', enum: ['', ...LINK_TYPES] },
      blocking: { type: 'string', enum: ['default', 'primary', 'secondary'] },
    },
  },
  layoutDirection: { type: 'string', enum: ['LR', 'TB'] },
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
  teamServers: {
    type: 'array',
    maxItems: 50,
    items: {
      type: 'object',
      required: ['origin', 'token_encrypted', 'saved_time'],
      properties: {
        origin: { type: 'string', pattern: '^https?://', maxLength: 300 },
        token_encrypted: { type: 'string', maxLength: 4000 },
        saved_time: { type: 'string' },
      },
    },
  },
};

/**
 * Versioned migrations, keyed by the app version that introduced them (conf runs those
 * newer than the file's and not newer than the app's). Each is a pure function of the stored
 * object (migrations.ts), tested against fixture files of old versions. conf merges the
 * defaults into the top level before migrating, so a migration only reshapes values.
 */
export const settingsMigrations = {
  // 0.1.0 is the first layout.
  '0.1.0': () => {},
  '0.2.0': toConfMigration(migrateTo020),
};
