import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startLiveServer } from '../api/test-support/live-server';
import { startHeadless } from '../headless';
import { startService } from './start-service';
import {
  fillDisk,
  folderOn,
  mountSmallDisk,
  whyNoTmpfs,
  type SmallDisk,
} from './test-support/full-disk';

const missing = whyNoTmpfs();
if (missing) console.warn(`SKIPPING full-disk service tests: ${missing}`);

let disk: SmallDisk | null = null;
let free: (() => void) | null = null;
beforeAll(() => {
  if (!missing) disk = mountSmallDisk(8 * 1024 * 1024);
});
afterAll(() => disk?.unmount());
// A failed test must not leave the disk full for the next one.
afterEach(() => {
  free?.();
  free = null;
});

/** Every file of a folder (recursively, minus locks) with its bytes. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name === 'workspace.lock') continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = readFileSync(path).toString('base64');
  }
  return out;
}

const onDisk = () => disk as SmallDisk;

describe('[S1] a full disk refuses settings changes with a typed error and changes nothing', () => {
  it.skipIf(missing !== null)(
    '[S1] preferences.set on a full disk answers internal.disk_full, settings.json unchanged',
    async () => {
      const dataDir = folderOn(onDisk(), 'prefs');
      const started = await startService({ dataDir, mode: 'serve', version: '0.2.0' });
      const me = { member: started.owner };
      const heard: unknown[] = [];
      started.preferences.onChange((p) => heard.push(p));
      const before = readFileSync(join(dataDir, 'settings.json'));

      free = fillDisk(onDisk());
      const refused = await started.service.call('preferences.set', { theme: 'dark' }, me);
      expect(refused).toMatchObject({ ok: false, error: { code: 'internal.disk_full' } });
      expect(!refused.ok && refused.error.message).toMatch(/^The disk is full: could not save/);
      expect(readFileSync(join(dataDir, 'settings.json'))).toEqual(before);
      expect(heard).toEqual([]);
      expect(await started.service.call('preferences.get', undefined, me)).toMatchObject({
        ok: true,
        value: { theme: 'system' },
      });

      free();
      free = null;
      const saved = await started.service.call('preferences.set', { theme: 'dark' }, me);
      expect(saved).toMatchObject({ ok: true, value: { theme: 'dark' } });
      await started.hub.closeAll();
    },
  );

  it.skipIf(missing !== null)(
    '[S1] a settings write cut short by a nearly full disk is refused, and settings.json stays whole',
    async () => {
      const dataDir = folderOn(onDisk(), 'short');
      const started = await startService({ dataDir, mode: 'serve', version: '0.2.0' });
      const me = { member: started.owner };
      // Settings of more than one page (tokens made over time), with room for one page only:
      // the new file can be written only in part.
      for (let i = 0; i < 20; i++)
        expect((await started.service.call('token.create', { member: me.member }, me)).ok).toBe(
          true,
        );
      const before = readFileSync(join(dataDir, 'settings.json'));
      expect(before.length).toBeGreaterThan(4096);

      free = fillDisk(onDisk(), 4096);
      const refused = await started.service.call('preferences.set', { theme: 'dark' }, me);
      expect(refused).toMatchObject({ ok: false, error: { code: 'internal.disk_full' } });
      expect(readFileSync(join(dataDir, 'settings.json'))).toEqual(before);
      free();
      free = null;
      await started.hub.closeAll();
      const again = await startService({ dataDir, mode: 'serve', version: '0.2.0' });
      expect(again.problems).toEqual([]);
      await again.hub.closeAll();
    },
  );

  it.skipIf(missing !== null)(
    '[S1] a workspace create or an import on a full disk is refused and leaves no folder behind',
    async () => {
      const dataDir = folderOn(onDisk(), 'create');
      const started = await startService({ dataDir, mode: 'serve', version: '0.2.0' });
      const me = { member: started.owner };
      const file = await started.service.call('export', { format: 'json' }, me);
      if (!file.ok) throw new Error(file.error.message);
      const root = join(dataDir, 'workspaces');
      const folders = readdirSync(root).sort();
      const listed = started.hub.list();

      free = fillDisk(onDisk());
      const created = await started.service.call('workspace.create', { name: 'More' }, me);
      expect(created).toMatchObject({ ok: false, error: { code: 'internal.disk_full' } });
      const imported = await started.service.call(
        'import',
        { format: 'json', content: (file.value as { content: string }).content },
        me,
      );
      expect(imported).toMatchObject({ ok: false, error: { code: 'internal.disk_full' } });
      expect(readdirSync(root).sort()).toEqual(folders);
      expect(started.hub.list()).toEqual(listed);
      await started.hub.closeAll();
    },
  );
});

describe('[X2] adding a member is saved whole or not at all', () => {
  it.skipIf(missing !== null)(
    '[X2] POST /api/member on a full disk: refused with a typed error and neither the member nor a token is kept',
    async () => {
      const dataDir = folderOn(onDisk(), 'member');
      const server = await startLiveServer({ dataDir });
      const listMembers = async () => {
        const r = await server.service.call('members.list', undefined, { member: server.owner });
        return r.ok
          ? (r.value as { members: { email: string }[] }).members.map((m) => m.email)
          : [];
      };
      const before = await listMembers();
      const tokensBefore = server.settings.get('apiTokens');
      const settingsBefore = readFileSync(join(dataDir, 'settings.json'));

      free = fillDisk(onDisk());
      const added = await server.call('POST', '/api/member', {
        username: 'vera',
        email: 'vera@example.com',
      });
      free();
      free = null;

      // Whichever write the disk refused, the answer is the typed storage error (not a bare
      // 500 internal.unexpected) and nothing was kept: no member, no token.
      expect(added.status).toBe(500);
      expect(added.json.error).toBe('internal.disk_full');
      expect(await listMembers()).toEqual(before);
      expect(server.settings.get('apiTokens')).toEqual(tokensBefore);
      expect(readFileSync(join(dataDir, 'settings.json'))).toEqual(settingsBefore);
      await server.close();

      // After a restart too: the member was not made durable behind the refusal.
      const again = await startService({ dataDir, mode: 'serve', version: '0.2.0' });
      const r = await again.service.call('members.list', undefined, { member: again.owner });
      expect(
        r.ok ? (r.value as { members: { email: string }[] }).members.map((m) => m.email) : null,
      ).toEqual(before);
      await again.hub.closeAll();

      // With room again, the same request adds the member and a token that works.
      const served = await startLiveServer({ dataDir });
      const ok = await served.call('POST', '/api/member', {
        username: 'vera',
        email: 'vera@example.com',
      });
      expect(ok.status).toBe(200);
      const graph = await served.call('GET', '/api/graph', undefined, ok.json.token as string);
      expect(graph.status).toBe(200);
      await served.close();
    },
  );
});

describe('[S1] a server started on a full disk opens read-only', () => {
  it.skipIf(missing !== null)(
    '[S1] serve starts, says it is read-only (health, notices), reads and exports, and refuses changes with internal.read_only',
    async () => {
      const dataDir = folderOn(onDisk(), 'serve');
      const first = await startHeadless({ dataDir, port: 0, version: '0.2.0' });
      const node = await fetch(`http://127.0.0.1:${first.api.port}/api/node`, {
        method: 'POST',
        headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Written before the disk filled' }),
      });
      expect(node.status).toBe(200);
      // A settings file of some size (tokens made over time): rewriting it takes two pages.
      for (let i = 0; i < 20; i++) {
        const made = await first.started.service.call(
          'token.create',
          { member: first.started.owner, label: `script ${i}` },
          { member: first.started.owner },
        );
        expect(made.ok).toBe(true);
      }
      expect(readFileSync(join(dataDir, 'settings.json')).length).toBeGreaterThan(4096);
      await first.close();
      const files = filesOf(dataDir);

      // Room for a workspace's lock file (one page), none for rewriting settings.json.
      free = fillDisk(onDisk(), 4096);
      const served = await startHeadless({ dataDir, port: 0, version: '0.2.0' });
      onTestFinished(() => served.close());
      const base = `http://127.0.0.1:${served.api.port}`;
      const get = (path: string, init: RequestInit = {}) =>
        fetch(base + path, {
          ...init,
          headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json' },
        });
      expect(served.readyLine).toMatch(/^Linkgraph ready at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      expect(served.notices[0]).toMatch(/read-only.*disk is full/);

      const health = (await (await fetch(`${base}/api/health`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ ok: true, read_only: true });
      expect(String(health.reason)).toMatch(/disk is full/);

      const graph = await get('/api/graph');
      expect(graph.status).toBe(200);
      const titles = (
        (await graph.json()) as { graph: { nodes: { title: string }[] } }
      ).graph.nodes.map((n) => n.title);
      expect(titles).toContain('Written before the disk filled');
      const exported = await get('/api/export?format=json');
      expect(exported.status).toBe(200);
      expect((await exported.text()).length).toBeGreaterThan(100);

      const refused = await get('/api/node', {
        method: 'POST',
        body: JSON.stringify({ title: 'Not now' }),
      });
      expect(refused.status).toBe(500);
      expect(await refused.json()).toMatchObject({ ok: false, error: 'internal.read_only' });
      const prefs = await get('/rpc/preferences.set', {
        method: 'POST',
        body: JSON.stringify({ theme: 'dark' }),
      });
      expect(await prefs.json()).toMatchObject({ ok: false, error: 'internal.read_only' });
      const info = (await (await get('/rpc/app.info', { method: 'POST' })).json()) as {
        value: { problems: string[] };
      };
      expect(info.value.problems[0]).toMatch(/read-only/);

      await served.close();
      free();
      free = null;
      expect(filesOf(dataDir)).toEqual(files);
    },
  );
});
