/**
 * The served editor's exports (issue 16): the HTTP twin fetches `GET /api/export` as a Blob
 * (renderer/bridge/http-export.ts) instead of parsing the file out of `/rpc/export`'s JSON on
 * the page. The file must be the very one `export` answers, and a refusal the service's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../shared/exchange/formats';
import type { ExportedFile } from '../../shared/contract/methods';
import { httpFileExports } from '../../renderer/bridge/http-export';
import { startLiveServer, type LiveServer } from './test-support/live-server';

let server: LiveServer;

beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => {
  await server.close();
});

describe('the editor exports a file without reading it (issue 16)', () => {
  it('[F1] every format: the fetched file is the one `export` answers, byte for byte and by name', async () => {
    const exporter = httpFileExports(server.token, server.origin);
    for (const format of EXPORT_FORMATS) {
      const rpc = await server.call('POST', '/rpc/export', { format });
      expect(rpc.status).toBe(200);
      const want = rpc.json.value as ExportedFile;
      const got = await exporter.exportFile({ format });
      expect(got?.ok, format).toBe(true);
      if (!got?.ok) continue;
      expect(got.value.filename).toBe(want.filename);
      expect(await got.value.blob.text()).toBe(want.content);
      expect(got.value.blob.type).toContain(want.mediaType);
    }
  });

  it('[F1] the editor filters travel with the request: only what the filter shows', async () => {
    const exporter = httpFileExports(server.token, server.origin);
    const only = { hideStatuses: [1], blockedOnly: false };
    const rpc = await server.call('POST', '/rpc/export', { format: 'csv-nodes', only });
    expect(rpc.status).toBe(200);
    const got = await exporter.exportFile({ format: 'csv-nodes', only } as never);
    expect(got?.ok).toBe(true);
    const all = await exporter.exportFile({ format: 'csv-nodes' });
    if (!got?.ok || !all?.ok) return;
    const text = await got.value.blob.text();
    expect(text).toBe((rpc.json.value as ExportedFile).content);
    // The filter took something out (the starter workspace's node in progress).
    expect(text.split('\n').length).toBeLessThan((await all.value.blob.text()).split('\n').length);
  });

  it('[F1] "as seen by": the owner’s export as another member is that member’s file', async () => {
    const added = await server.call('POST', '/api/member', {
      username: 'vera',
      email: 'vera@example.com',
    });
    const as = (added.json.member as { id: string }).id;
    const rpc = await server.call('POST', '/rpc/export', { format: 'csv-nodes', as });
    const want = rpc.json.value as ExportedFile;
    expect(want.filename).toContain('-as-vera');
    const got = await httpFileExports(server.token, server.origin).exportFile({
      format: 'csv-nodes',
      as,
    });
    expect(got?.ok).toBe(true);
    if (!got?.ok) return;
    expect(got.value.filename).toBe(want.filename);
    expect(await got.value.blob.text()).toBe(want.content);
  });

  it('[F1] a refusal is the service’s typed error; filters too long for a URL go by `export`', async () => {
    const exporter = httpFileExports(server.token, server.origin);
    const refused = await exporter.exportFile({ format: 'svg' as never });
    expect(refused?.ok).toBe(false);
    if (refused && !refused.ok) expect(refused.error.code).toMatch(/^bad_request\./);
    const stranger = httpFileExports('not-a-token', server.origin);
    const denied = await stranger.exportFile({ format: 'dot' });
    expect(denied?.ok).toBe(false);
    if (denied && !denied.ok) expect(denied.error.code).toMatch(/^unauthorized\./);
    const long = await exporter.exportFile({
      format: 'dot',
      only: { tag: 'x'.repeat(9_000), hideStatuses: [] },
    } as never);
    expect(long).toBeNull();
  });
});
