import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Preferences } from '../../shared/contract/methods';
import type { Batch } from '../../shared/engine';
import { startService } from './start-service';

const start = (dataDir: string) => startService({ dataDir, mode: 'serve', version: '0.0.0-test' });

describe('the person’s preferences through the service', () => {
  it('are saved in settings.json, announced, and there after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-prefs-'));
    const first = await start(dataDir);
    const me = { member: first.owner };
    expect(await first.service.call('preferences.get', undefined, me)).toEqual({
      ok: true,
      value: {
        theme: 'system',
        linkDefaults: { linkType: '', blocking: 'default' },
        layoutDirection: 'LR',
      },
    });
    const heard: Preferences[] = [];
    first.preferences.onChange((p) => heard.push(p));
    const set = await first.service.call('preferences.set', { theme: 'dark' }, me);
    expect(set).toEqual({
      ok: true,
      value: {
        theme: 'dark',
        linkDefaults: { linkType: '', blocking: 'default' },
        layoutDirection: 'LR',
      },
    });
    await first.service.call(
      'preferences.set',
      { linkDefaults: { linkType: 'is_part_of', blocking: 'secondary' } },
      me,
    );
    await first.service.call('preferences.set', { layoutDirection: 'TB' }, me);
    // Saying the same again changes nothing and is not announced.
    await first.service.call('preferences.set', { theme: 'dark' }, me);
    expect(heard.map((p) => p.theme + '/' + p.linkDefaults.linkType)).toEqual([
      'dark/',
      'dark/is_part_of',
      'dark/is_part_of',
    ]);
    expect(heard.at(-1)?.layoutDirection).toBe('TB');
    const file = JSON.parse(readFileSync(first.settings.path, 'utf8')) as Record<string, unknown>;
    expect(file.theme).toBe('dark');
    await first.hub.closeAll();

    const second = await start(dataDir);
    expect(
      await second.service.call('preferences.get', undefined, { member: second.owner }),
    ).toEqual({
      ok: true,
      value: {
        theme: 'dark',
        linkDefaults: { linkType: 'is_part_of', blocking: 'secondary' },
        layoutDirection: 'TB',
      },
    });
    await second.hub.closeAll();
  });

  it('[E1] refuses bad values and other members, and changes nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-prefs-'));
    const s = await start(dataDir);
    const me = { member: s.owner };
    const before = readFileSync(s.settings.path, 'utf8');
    const bad = [
      { theme: 'neon' },
      { linkDefaults: { linkType: 'custom_link_x' } },
      { linkDefaults: { blocking: 'always' } },
      { layoutDirection: 'diagonal' },
      { theme: 'dark', extra: 1 },
      { ['__proto__']: { theme: 'dark' } },
    ];
    for (const params of bad) {
      const answer = await s.service.call('preferences.set', params, me);
      expect(answer.ok, JSON.stringify(params)).toBe(false);
      expect(!answer.ok && answer.error.code).toMatch(/^bad_request\./);
    }
    const added = await s.service.call(
      'member.add',
      { username: 'guest', email: 'guest@example.com' },
      me,
    );
    if (!added.ok) throw new Error(added.error.message);
    const guest = ((added.value as Batch).user[0]?.after as { id: string }).id;
    const refused = await s.service.call('preferences.set', { theme: 'dark' }, { member: guest });
    expect(!refused.ok && refused.error.code).toBe('forbidden.not_allowed');
    const asked = await s.service.call('preferences.get', undefined, { member: guest });
    expect(!asked.ok && asked.error.code).toBe('forbidden.not_allowed');
    expect(readFileSync(s.settings.path, 'utf8')).toBe(before);
    await s.hub.closeAll();
  });
});
