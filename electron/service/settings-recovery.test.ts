import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GraphView } from '../../shared/contract/methods';
import { startService, type StartedService } from './start-service';

const start = (dataDir: string): Promise<StartedService> =>
  startService({ dataDir, mode: 'serve', version: '0.2.0' });

/** A data folder with the starter plan and a second workspace holding one node of its own. */
async function folderWithTwoWorkspaces(): Promise<{
  dataDir: string;
  profile: { id: string; username: string; email: string };
  starter: string;
  roadmap: string;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-recover-'));
  const first = await start(dataDir);
  const me = { member: first.owner };
  const starter = first.hub.openId() ?? '';
  const created = await first.service.call('workspace.create', { name: 'Roadmap 2027' }, me);
  const roadmap = created.ok ? (created.value as { id: string }).id : '';
  const node = await first.service.call(
    'node.create',
    { title: 'Only in the roadmap' },
    { ...me, workspace: roadmap },
  );
  expect(node.ok).toBe(true);
  const profile = first.settings.get('profile');
  await first.hub.closeAll();
  if (!profile) throw new Error('no profile');
  return { dataDir, profile, starter, roadmap };
}

const titles = async (s: StartedService, workspace: string): Promise<string[]> => {
  const view = await s.service.call('graph.get', undefined, { member: s.owner, workspace });
  if (!view.ok) throw new Error(view.error.message);
  return (view.value as GraphView).nodes.map((n) => n.title).sort();
};

describe('[S1] losing settings.json does not hide the workspaces', () => {
  for (const [damage, spoil] of [
    ['deleted', (file: string) => rmSync(file)],
    ['truncated', (file: string) => writeFileSync(file, readFileSync(file).subarray(0, 40))],
    ['schema-breaking', (file: string) => writeFileSync(file, '{"workspaces": "all of them"}')],
  ] as const) {
    it(`[S1] ${damage} settings: the list and the owner are rebuilt from the workspace folders, no starter is added, and the person is told`, async () => {
      const { dataDir, profile, starter, roadmap } = await folderWithTwoWorkspaces();
      spoil(join(dataDir, 'settings.json'));

      const again = await start(dataDir);
      // The same person: the owner every workspace names, with their username and email.
      expect(again.settings.get('profile')).toEqual(profile);
      expect(again.owner).toBe(profile.id);
      // Both workspaces, by their names, and nothing else (no new starter plan).
      expect(
        again.hub
          .list()
          .map((w) => `${w.id}:${w.name}`)
          .sort(),
      ).toEqual([`${roadmap}:Roadmap 2027`, `${starter}:My first plan`].sort());
      expect(readdirSync(join(dataDir, 'workspaces')).sort()).toEqual([roadmap, starter].sort());
      // Their content is there, and the person may act on it as the owner.
      expect(await titles(again, roadmap)).toEqual(['Only in the roadmap']);
      expect(await titles(again, starter)).toHaveLength(4);
      const change = await again.service.call(
        'node.create',
        { title: 'After the recovery' },
        { member: again.owner, workspace: roadmap },
      );
      expect(change.ok).toBe(true);
      // Told through the notices of app.info (what the app shows), and the list is saved.
      const info = await again.service.call('app.info', undefined, { member: again.owner });
      const problems = info.ok ? (info.value as { problems: string[] }).problems : [];
      expect(problems.join('\n')).toMatch(/rebuilt from their folders.*Roadmap 2027/);
      const saved = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as {
        workspaces: { id: string }[];
        profile: { id: string };
      };
      expect(saved.profile.id).toBe(profile.id);
      expect(saved.workspaces.map((w) => w.id).sort()).toEqual([roadmap, starter].sort());
      await again.hub.closeAll();

      // A third start finds everything listed: nothing more to say about it.
      const third = await start(dataDir);
      expect(third.problems.join('\n')).not.toMatch(/rebuilt/);
      expect(third.hub.list()).toHaveLength(2);
      await third.hub.closeAll();
    });
  }

  it('[S1] with no readable workspace folder, a new profile and starter are made, and the unreadable folder is named and left alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-recover-'));
    const junk = join(dataDir, 'workspaces', 'ws-0badf00d');
    mkdirSync(junk, { recursive: true });
    writeFileSync(join(junk, 'snapshot.json'), 'not a snapshot');
    const started = await start(dataDir);
    expect(started.hub.list().map((w) => w.name)).toEqual(['My first plan']);
    expect(started.problems.join('\n')).toMatch(/could not be read.*ws-0badf00d/);
    expect(existsSync(junk)).toBe(true);
    await started.hub.closeAll();
  });
});

describe('[S1] a workspace is listed whole or not at all', () => {
  it('[S1] a create interrupted before it finished leaves no folder after the next start', async () => {
    const { dataDir, starter, roadmap } = await folderWithTwoWorkspaces();
    // What a process killed mid-import leaves: a workspace folder with part of a journal.
    const half = join(dataDir, 'workspaces', '.creating-ws-1234abcd-00ff00ff');
    mkdirSync(half, { recursive: true });
    writeFileSync(join(half, 'journal-000001.log'), Buffer.from('LGR1\0\0\0'));
    const again = await start(dataDir);
    expect(readdirSync(join(dataDir, 'workspaces')).sort()).toEqual([roadmap, starter].sort());
    await again.hub.closeAll();
  });

  it('[S1] an import killed part-way leaves no unlisted folder once the app starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-recover-'));
    await (await start(dataDir)).hub.closeAll();
    const root = join(dataDir, 'workspaces');
    const before = readdirSync(root);
    const script = fileURLToPath(new URL('./test-support/import-child.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], {
      stdio: 'ignore',
    });
    // Killed the moment the import's folder appears, while its files are being written.
    const watcher = watch(root, () => {
      if (readdirSync(root).some((n) => !before.includes(n))) child.kill('SIGKILL');
    });
    const exited = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    watcher.close();
    expect(exited).toBe('SIGKILL');

    const again = await start(dataDir);
    const listed = again.hub.list().map((w) => w.id);
    // Every folder left is a listed workspace (a finished import may have been adopted).
    expect(readdirSync(root).filter((n) => !listed.includes(n))).toEqual([]);
    await again.hub.closeAll();
  });
});
