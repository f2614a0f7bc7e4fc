import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateTo020, toConfMigration } from './migrations';
import { openSettings } from './open-settings';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const readFixture = (name: string) =>
  JSON.parse(readFileSync(fixture(name), 'utf8')) as Record<string, unknown>;

/** A data folder holding the fixture as its settings.json. */
function folderWith(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'linkgraph-migrate-'));
  copyFileSync(fixture(name), join(dir, 'settings.json'));
  return dir;
}

describe('settings migration 0.1.0 → 0.2.0 (pure)', () => {
  it('seeds Open Recent with the open workspace, then the others newest first', () => {
    const { __internal__: _internal, ...old } = readFixture('settings-0.1.0.json');
    const frozen = structuredClone(old);
    const migrated = migrateTo020(old);
    expect(migrated.recentWorkspaces).toEqual(['launch', 'roadmap-2026', 'starter']);
    expect(migrated.linkDefaults).toEqual({ linkType: '', blocking: 'default' });
    // Everything else is kept as it was, and the input is not changed.
    expect({ ...migrated, recentWorkspaces: undefined, linkDefaults: undefined }).toEqual({
      ...old,
      recentWorkspaces: undefined,
      linkDefaults: undefined,
    });
    expect(old).toEqual(frozen);
    // Running it again changes nothing.
    expect(migrateTo020(migrated)).toEqual(migrated);
  });

  it('keeps an existing recent list (minus deleted workspaces) and repairs bad link defaults', () => {
    const migrated = migrateTo020({
      workspaces: [
        { id: 'a', created_time: '1' },
        { id: 'b', created_time: '2' },
      ],
      openWorkspace: 'a',
      recentWorkspaces: ['b', 'gone', 'a'],
      linkDefaults: { linkType: 'is_friend_of', blocking: 'sometimes' },
    });
    expect(migrated.recentWorkspaces).toEqual(['b', 'a']);
    expect(migrated.linkDefaults).toEqual({ linkType: '', blocking: 'default' });
    expect(
      migrateTo020({ linkDefaults: { linkType: 'is_part_of', blocking: 'primary' } }).linkDefaults,
    ).toEqual({ linkType: 'is_part_of', blocking: 'primary' });
  });

  it('the conf adapter writes back only the keys a migration changed, never conf’s own', () => {
    const writes: [string, unknown][] = [];
    toConfMigration((data) => ({ ...data, theme: 'light', __internal__: 'x' }))({
      store: { theme: 'dark', api: { enabled: false }, __internal__: { migrations: {} } },
      set: (key, value) => writes.push([key, value]),
    });
    expect(writes).toEqual([['theme', 'light']]);
  });
});

describe('settings migration through conf, on fixture files of 0.1.0', () => {
  it('[S1] a 0.1.0 file opened by 0.2.0 is migrated, valid, and remembers it was', () => {
    const dir = folderWith('settings-0.1.0.json');
    const { settings, problems } = openSettings(dir, '0.2.0');
    expect(problems).toEqual([]);
    expect(settings.get('recentWorkspaces')).toEqual(['launch', 'roadmap-2026', 'starter']);
    expect(settings.get('linkDefaults')).toEqual({ linkType: '', blocking: 'default' });
    expect(settings.get('theme')).toBe('dark');
    expect(settings.get('window')).toEqual({
      width: 1400,
      height: 900,
      x: 120,
      y: 80,
      maximized: false,
    });
    expect(settings.get('apiTokens')).toHaveLength(1);
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as {
      __internal__: { migrations: { version: string } };
      recentWorkspaces: string[];
    };
    expect(onDisk.__internal__.migrations.version).toBe('0.2.0');
    expect(onDisk.recentWorkspaces).toEqual(['launch', 'roadmap-2026', 'starter']);
  });

  it('[S1] a file without migration bookkeeping and nothing open gets an empty recent list', () => {
    const dir = folderWith('settings-0.1.0-nothing-open.json');
    const { settings, problems } = openSettings(dir, '0.2.0');
    expect(problems).toEqual([]);
    expect(settings.get('recentWorkspaces')).toEqual([]);
    expect(settings.get('api')).toEqual({ enabled: true, port: 4321 });
    expect(settings.get('window')).toEqual({ width: 1280, height: 800, maximized: true });
  });

  it('[S1] the same file opened by 0.1.0 is left to the defaults (the migration waits for 0.2.0)', () => {
    const dir = folderWith('settings-0.1.0.json');
    const { settings, problems } = openSettings(dir, '0.1.0');
    expect(problems).toEqual([]);
    expect(settings.get('recentWorkspaces')).toEqual([]);
    expect(settings.get('linkDefaults')).toEqual({ linkType: '', blocking: 'default' });
  });
});
