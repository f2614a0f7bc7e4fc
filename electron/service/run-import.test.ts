import { describe, expect, it } from 'vitest';
import { runImport } from './run-import';
import { prepareImport } from './prepare-import';

const profile = {
  id: '00000000-0000-4000-8000-0000000000aa',
  username: 'me',
  email: 'me@example.com',
};
const csv = 'id,title,kind,status\nA,Design,task,1\nB,Build,task,0\n';

describe('imports on a worker thread', () => {
  it('[F1] the worker answers what the same preparation answers in-thread', async () => {
    const job = { format: 'json' as const, content: '{"not":"a linkgraph file"}', profile };
    const inThread = prepareImport(job);
    const onWorker = await runImport(job);
    expect(inThread.ok).toBe(false);
    expect(onWorker).toEqual(inThread);
  });

  it('[F1] a file that imports comes back as a new workspace snapshot owned by the person', async () => {
    const res = await runImport({ format: 'csv', content: csv, name: 'Plan', profile });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.workspaceName).toBe('Plan');
    expect(res.value.snapshot.owner).toBe(profile.id);
    expect(res.value.snapshot.nodes.map((n) => n.title).sort()).toEqual(['Build', 'Design']);
  });

  it('[E1] a worker that cannot run is a typed error, not a crash', async () => {
    const missing = new URL('./no-such-import-worker.mjs', import.meta.url);
    const res = await runImport({ format: 'csv', content: csv, profile }, missing);
    expect(res).toMatchObject({ ok: false, error: { code: 'internal.import_failed' } });
  });
});
