/**
 * Settings migrations as pure functions of the stored object, so each can be tested on a
 * fixture file of the version before it (fixtures/). conf calls migrations with the store
 * itself; `toConfMigration` adapts a pure one to that, writing back only the keys it changed.
 */
import { isDeepStrictEqual } from 'node:util';
import { LINK_TYPES } from '../../shared/model/types';

export type SettingsData = Readonly<Record<string, unknown>>;
export type PureMigration = (data: SettingsData) => Record<string, unknown>;

/** conf keeps its own bookkeeping under this key; migrations never see or touch it. */
const INTERNAL_KEY = '__internal__';
/** How many workspaces File › Open Recent lists (schema.ts re-exports it). */
export const MAX_RECENT = 8;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * 0.1.0 → 0.2.0: adds File › Open Recent. The list starts with the workspace that was open,
 * then the others newest first, so the first menu after the upgrade is already useful. Link
 * defaults arrive with conf's defaults; an unknown link type left by hand-editing becomes a
 * plain link rather than making the whole file invalid.
 */
export const migrateTo020: PureMigration = (data) => {
  const workspaces = Array.isArray(data.workspaces) ? data.workspaces.filter(isRecord) : [];
  const ids = workspaces
    .slice()
    .sort((a, b) => String(b.created_time ?? '').localeCompare(String(a.created_time ?? '')))
    .map((w) => w.id)
    .filter((id): id is string => typeof id === 'string');
  const existing = Array.isArray(data.recentWorkspaces)
    ? data.recentWorkspaces.filter((id): id is string => typeof id === 'string' && ids.includes(id))
    : [];
  const open = typeof data.openWorkspace === 'string' ? data.openWorkspace : null;
  const seeded = existing.length > 0 ? existing : [open, ...ids].filter((id) => id !== null);
  const recentWorkspaces = [...new Set(seeded)]
    .filter((id) => ids.includes(id))
    .slice(0, MAX_RECENT);

  const out: Record<string, unknown> = { ...data, recentWorkspaces };
  const defaults = isRecord(data.linkDefaults) ? data.linkDefaults : {};
  out.linkDefaults = {
    linkType:
      typeof defaults.linkType === 'string' &&
      (LINK_TYPES as readonly string[]).includes(defaults.linkType)
        ? defaults.linkType
        : '',
    blocking: ['default', 'primary', 'secondary'].includes(String(defaults.blocking))
      ? defaults.blocking
      : 'default',
  };
  return out;
};

/** The part of conf's store a migration uses. */
export interface MigratingStore {
  readonly store: object;
  set(key: string, value: unknown): void;
}

export function toConfMigration(migrate: PureMigration): (store: MigratingStore) => void {
  return (store) => {
    const before = Object.fromEntries(
      Object.entries(store.store).filter(([key]) => key !== INTERNAL_KEY),
    );
    const after = migrate(before);
    for (const [key, value] of Object.entries(after)) {
      if (key !== INTERNAL_KEY && !isDeepStrictEqual(before[key], value)) store.set(key, value);
    }
  };
}
