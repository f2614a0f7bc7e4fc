import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSettings } from './open-settings';
import { settingsDefaults } from './schema';

const freshDir = () => mkdtempSync(join(tmpdir(), 'linkgraph-settings-'));

describe('settings (conf, same schema as electron-store)', () => {
  it('[S1] opens with defaults and persists a change to settings.json', () => {
    const dir = freshDir();
    const { settings, problems } = openSettings(dir, '0.1.0');
    expect(problems).toEqual([]);
    expect(settings.get('theme')).toBe(settingsDefaults.theme);
    settings.set('theme', 'dark');
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as {
      theme: string;
    };
    expect(onDisk.theme).toBe('dark');
    expect(openSettings(dir, '0.1.0').settings.get('theme')).toBe('dark');
  });

  it('[S1] keeps a damaged settings file aside instead of silently replacing it', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'settings.json'), '{"theme": "dark", "workspa');
    const { settings, problems } = openSettings(dir, '0.1.0');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/kept as .*settings\.json\.corrupt-/);
    expect(settings.get('theme')).toBe('system');
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''), 'utf8')).toBe('{"theme": "dark", "workspa');
  });

  it('[S1] refuses a schema-violating value instead of writing it', () => {
    const { settings } = openSettings(freshDir(), '0.1.0');
    expect(() => settings.set('theme', 'neon' as never)).toThrow();
    expect(settings.get('theme')).toBe('system');
  });
});
