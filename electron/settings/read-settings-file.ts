/**
 * Reads `settings.json` without writing anything, for a data folder that cannot be written
 * (open-settings.ts opens such a folder read-only). conf cannot do this: it rewrites the file
 * while opening whenever defaults or migrations add something. The file is merged over the
 * defaults and migrated in memory with the same pure migrations; a value of the wrong shape
 * falls back to its default (nothing is kept aside: nothing can be written).
 */
import { readFileSync } from 'node:fs';
import { migrateTo020 } from './migrations';
import { settingsDefaults, type Settings } from './schema';

const ID = /^[a-z0-9-]{1,64}$/;
const HASH = /^[0-9a-f]{64}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: Record<string, unknown>, keys: string[]): boolean =>
  keys.every((key) => typeof value[key] === 'string');

/** Whether `value` may stand for the setting `key` (the parts the service relies on). */
function fits(key: keyof Settings, value: unknown): boolean {
  const fallback: unknown = settingsDefaults[key];
  switch (key) {
    case 'profile':
      return value === null || (isRecord(value) && strings(value, ['id', 'username', 'email']));
    case 'openWorkspace':
      return value === null || typeof value === 'string';
    case 'workspaces':
      return (
        Array.isArray(value) &&
        value.every(
          (w) => isRecord(w) && strings(w, ['id', 'name', 'created_time']) && ID.test(String(w.id)),
        )
      );
    case 'recentWorkspaces':
      return Array.isArray(value) && value.every((id) => typeof id === 'string' && ID.test(id));
    case 'apiTokens':
      return (
        Array.isArray(value) &&
        value.every(
          (t) =>
            isRecord(t) &&
            strings(t, ['workspace', 'member', 'hash', 'label', 'created_time']) &&
            HASH.test(String(t.hash)),
        )
      );
    case 'theme':
      return value === 'system' || value === 'light' || value === 'dark';
    default:
      return isRecord(fallback) ? isRecord(value) : typeof value === typeof fallback;
  }
}

export function readSettingsFile(file: string): { values: Settings; problem?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ENOENT') return { values: settingsDefaults };
    return {
      values: settingsDefaults,
      problem: `The settings file ${file} could not be read (${(cause as Error).message}); defaults are used until it can be written again.`,
    };
  }
  const stored = isRecord(parsed) ? parsed : {};
  const migrated = migrateTo020({ ...settingsDefaults, ...stored });
  const values = Object.fromEntries(
    (Object.keys(settingsDefaults) as (keyof Settings)[]).map((key) => [
      key,
      fits(key, migrated[key]) ? migrated[key] : settingsDefaults[key],
    ]),
  ) as unknown as Settings;
  return { values: structuredClone(values) };
}
