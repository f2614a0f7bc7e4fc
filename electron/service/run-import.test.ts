import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../shared/exchange/limits';
import { runImport } from './run-import';
import { prepareImport } from './prepare-import';
import { WorkspaceSession } from './workspace-session';

const profile = {
  id: '00000000-0000-4000-8000-0000000000aa',
  username: 'me',
  email: 'me@example.com',
};
const csv = 'id,title,kind,status\nA,Design,task,1\nB,Build,task,0\n';
const root = mkdtempSync(join(tmpdir(), 'lg-run-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const folder = () => {
  const dir = join(root, `ws-${++folders}`);
  return { workspaceId: `ws-${folders}`, dir };
};

describe('imports on a worker thread', () => {
  it('[F1] the worker answers what the same preparation answers in-thread', async () => {
    const job = { format: 'json' as const, content: '{"not":"a linkgraph file"}', profile };
    const inThread = prepareImport(job);
    const target = folder();
    const onWorker = await runImport({ ...job, ...target });
    expect(inThread.ok).toBe(false);
    expect(onWorker).toEqual(inThread);
    // A refused file writes nothing.
    expect(existsSync(target.dir) ? readdirSync(target.dir) : []).toEqual([]);
  });

  it('[F1] a file that imports is written into its folder as a workspace that opens, owned by the person', async () => {
    const target = folder();
    const res = await runImport({ format: 'csv', content: csv, name: 'Plan', profile, ...target });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value).toEqual({ workspaceName: 'Plan', nodes: 2, links: 0, twoThreads: false });
    const opened = await WorkspaceSession.open(target.workspaceId, target.dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const { state } = opened.value;
    expect(state.ownerId).toBe(profile.id);
    expect([...state.nodes.values()].map((n) => n.rec.title).sort()).toEqual(['Build', 'Design']);
    await opened.value.close();
  });

  it('[F1] a file larger than one slice reaches the worker whole', async () => {
    // The file travels in slices of 4 M characters; an emoji (a surrogate pair) straddles the
    // first cut.
    const slice = 4 * 1024 * 1024;
    let content = 'id,title\n';
    let i = 0;
    while (content.length < slice - 60) content += `n${i++},${'x'.repeat(70)}\n`;
    const prefix = `n${i++},`;
    content += `${prefix}${'y'.repeat(slice - 1 - content.length - prefix.length)}\u{1F680}\n`;
    expect(content.charCodeAt(slice - 1)).toBe(0xd83d);
    for (let k = 0; k < 100; k++) content += `n${i++},after\n`;
    const target = folder();
    const res = await runImport({ format: 'csv', content, profile, ...target });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.nodes).toBe(i);
    const opened = await WorkspaceSession.open(target.workspaceId, target.dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const titles = [...opened.value.state.nodes.values()].map((n) => n.rec.title);
    expect(titles.filter((t) => t.endsWith('y\u{1F680}'))).toHaveLength(1);
    await opened.value.close();
  });

  it('[F1] a file sent as bytes is decoded by the worker: a character split between chunks and slices, a BOM dropped', async () => {
    // Chunks as the API's raw body brings them, here cut every 3 bytes (through every emoji
    // and accented letter), and over 4 MB in all, so the worker gets more than one slice.
    let content = '\uFEFFid,title\n';
    let i = 0;
    while (content.length < 4.5 * 1024 * 1024)
      content += `n${i++},café \u{1F680} ${'z'.repeat(60)}\n`;
    const bytes = new TextEncoder().encode(content);
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += 3) chunks.push(bytes.subarray(at, at + 3));
    const target = folder();
    const res = await runImport({ format: 'csv', content: chunks, profile, ...target });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.nodes).toBe(i);
    const opened = await WorkspaceSession.open(target.workspaceId, target.dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const titles = [...opened.value.state.nodes.values()].map((n) => n.rec.title);
    expect(new Set(titles)).toEqual(new Set([`café \u{1F680} ${'z'.repeat(60)}`]));
    await opened.value.close();
  });

  it('[F1] bytes read as they arrive: a stream cut through a character, slower than the worker', async () => {
    let content = 'id,title\n';
    let i = 0;
    while (content.length < 5 * 1024 * 1024) content += `n${i++},Zoë \u{1F680} ${'q'.repeat(60)}\n`;
    const bytes = new TextEncoder().encode(content);
    const read: number[] = [];
    async function* upload(): AsyncGenerator<Uint8Array> {
      // 1 MB at a time with a pause between, like a body still on the wire; each cut falls
      // inside a character somewhere in the file.
      for (let at = 0; at < bytes.length; at += 1_000_003) {
        await new Promise((r) => setTimeout(r, 5));
        read.push(at);
        yield bytes.subarray(at, at + 1_000_003);
      }
    }
    const target = folder();
    const res = await runImport({ format: 'csv', content: upload(), profile, ...target });
    if (!res.ok) throw new Error(res.error.message);
    expect(read).toHaveLength(Math.ceil(bytes.length / 1_000_003));
    expect(res.value.nodes).toBe(i);
    const opened = await WorkspaceSession.open(target.workspaceId, target.dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const titles = new Set([...opened.value.state.nodes.values()].map((n) => n.rec.title));
    expect(titles).toEqual(new Set([`Zoë \u{1F680} ${'q'.repeat(60)}`]));
    await opened.value.close();
  });

  it('[F1] GraphML is parsed as its bytes arrive: the workspace, or the refusal in-thread words', async () => {
    // Two slices of 4 MB, cut every 1 MB (through a character somewhere), with a pause
    // between chunks like a body still on the wire.
    const nodes: string[] = [];
    for (let i = 0, chars = 0; chars < 5 * 1024 * 1024; i++) {
      nodes.push(
        `<node id="n${i}"><data key="t">Zoë \u{1F680} ${'g'.repeat(50)} ${i}</data></node>\n`,
      );
      chars += (nodes.at(-1) as string).length;
    }
    const file = (body: string) =>
      `<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<key id="t" for="node" attr.name="title" attr.type="string"/>\n<graph edgedefault="directed">\n${body}</graph>\n</graphml>\n`;
    const upload = (text: string) =>
      async function* (): AsyncGenerator<Uint8Array> {
        const bytes = new TextEncoder().encode(text);
        for (let at = 0; at < bytes.length; at += 1_000_003) {
          await new Promise((r) => setTimeout(r, 5));
          yield bytes.subarray(at, at + 1_000_003);
        }
      };
    const good = file(nodes.join(''));
    const target = folder();
    const res = await runImport({ format: 'graphml', content: upload(good)(), profile, ...target });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.nodes).toBe(nodes.length);
    const opened = await WorkspaceSession.open(target.workspaceId, target.dir);
    if (!opened.ok) throw new Error(opened.error.message);
    const titles = [...opened.value.state.nodes.values()].map((n) => n.rec.title);
    expect(titles).toContain(`Zoë \u{1F680} ${'g'.repeat(50)} ${nodes.length - 1}`);
    await opened.value.close();

    // Broken in its last megabytes: refused with the line and column of the whole file.
    nodes[nodes.length - 3] = '<node id="x"></nod>\n';
    const bad = file(nodes.join(''));
    const inThread = prepareImport({ format: 'graphml', content: bad, profile });
    expect(inThread).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`line ${nodes.length + 2},`) as unknown },
    });
    const badTarget = folder();
    const refused = await runImport({
      format: 'graphml',
      content: upload(bad)(),
      profile,
      ...badTarget,
    });
    expect(refused).toEqual(inThread);
    expect(existsSync(badTarget.dir) ? readdirSync(badTarget.dir) : []).toEqual([]);
  });

  it('[F1] a large GraphML file read on two threads makes the workspace one thread makes', async () => {
    // Given whole, the file waits to be read when its end arrives: past `splitFromChars`, its
    // second half goes to a second thread. Edges without ids are in both halves.
    const body: string[] = [];
    for (let i = 0; i < 3000; i++) {
      body.push(`<node id="n${i}"><data key="t">Task ${i}</data></node>\n`);
      if (i > 0 && i % 7 === 0) body.push(`<edge source="n${i - 1}" target="n${i}"/>\n`);
    }
    const text = `<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<key id="t" for="node" attr.name="title" attr.type="string"/>\n<graph edgedefault="directed">\n${body.join('')}</graph>\n</graphml>\n`;
    const read = async (splitFromChars: number) => {
      const target = folder();
      const res = await runImport({
        format: 'graphml',
        content: text,
        profile,
        splitFromChars,
        ...target,
      });
      if (!res.ok) throw new Error(res.error.message);
      const opened = await WorkspaceSession.open(target.workspaceId, target.dir);
      if (!opened.ok) throw new Error(opened.error.message);
      const { nodes, links } = opened.value.state;
      const shown = (id: string) => nodes.get(id)?.rec.display_id;
      const seen = {
        twoThreads: res.value.twoThreads,
        nodes: [...nodes.values()].map((n) => [n.rec.display_id, n.rec.title, n.rec.position]),
        links: [...links.values()].map((l) => [
          l.rec.display_id,
          shown(l.rec.source),
          shown(l.rec.target),
        ]),
      };
      await opened.value.close();
      return seen;
    };
    const two = await read(text.length / 4);
    const one = await read(Infinity);
    expect(two.twoThreads).toBe(true);
    expect(one.twoThreads).toBe(false);
    expect(two.nodes).toHaveLength(3000);
    expect(two.links).toHaveLength(428);
    expect(two.nodes).toEqual(one.nodes);
    expect(two.links).toEqual(one.links);

    // Broken in its second half: refused as one thread refuses it, nothing written.
    const bad = text.replace(
      '<node id="n2900"><data key="t">Task 2900</data></node>',
      '<node id="n2900"></nod>',
    );
    const inThread = prepareImport({ format: 'graphml', content: bad, profile });
    expect(inThread.ok).toBe(false);
    const badTarget = folder();
    const refused = await runImport({
      format: 'graphml',
      content: bad,
      profile,
      splitFromChars: text.length / 4,
      ...badTarget,
    });
    expect(refused).toEqual(inThread);
    expect(existsSync(badTarget.dir) ? readdirSync(badTarget.dir) : []).toEqual([]);
  });

  it('[E1] an upload that breaks off is a typed error, and no workspace is written', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('title\nA\n');
      throw new Error('socket hang up');
    }
    const target = folder();
    const res = await runImport({ format: 'csv', content: broken(), profile, ...target });
    expect(res).toMatchObject({ ok: false, error: { code: 'internal.import_failed' } });
    expect(res.ok ? '' : res.error.message).toContain('did not arrive whole');
    expect(existsSync(join(target.dir, 'meta.json'))).toBe(false);
  });

  it('[E1] bytes over the import limit are refused before a worker starts', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    const missing = new URL('./no-such-import-worker.mjs', import.meta.url);
    const res = await runImport({ format: 'csv', content: [big], profile, ...folder() }, missing);
    expect(res).toMatchObject({ ok: false, error: { code: 'bad_request.import_too_large' } });
  });

  it('[E1] a worker that cannot run is a typed error, not a crash', async () => {
    const missing = new URL('./no-such-import-worker.mjs', import.meta.url);
    const res = await runImport({ format: 'csv', content: csv, profile, ...folder() }, missing);
    expect(res).toMatchObject({ ok: false, error: { code: 'internal.import_failed' } });
  });
});
