/**
 * `export {only}`: "only what the filter shows" — the service keeps the nodes the editor's
 * filters show and the links between them, once, for every format (shared/exchange/subset.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../shared/contract/methods';
import type { Batch } from '../../shared/engine';
import { startService, type StartedService } from './start-service';

let started: StartedService;
let owner: string;
const ids: Record<string, string> = {};

async function call(method: string, params: unknown): Promise<unknown> {
  const r = await started.service.call(method, params, { member: owner });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  started = await startService({
    dataDir: mkdtempSync(join(tmpdir(), 'linkgraph-export-filter-')),
    mode: 'serve',
    version: '0.0.0-test',
  });
  owner = started.owner;
  for (const t of ['Keep one', 'Keep two', 'Done already']) {
    const b = (await call('node.create', { title: t, tags: ['filtered'] })) as Batch;
    ids[t] = (b.nodes[0]?.after as { id: string }).id;
  }
  await call('link.create', { source: ids['Keep one'], target: ids['Keep two'] });
  await call('link.create', { source: ids['Done already'], target: ids['Keep two'], type: 1 });
  await call('node.update', { id: ids['Done already'], status: 3 });
});
afterAll(() => started.hub.closeAll());

describe('[F1] export only what the filter shows', () => {
  it('[F1] every format keeps the shown nodes and the links between them', async () => {
    const only = { hideStatuses: [3], tag: 'filtered' };
    const json = (await call('export', { format: 'json', only })) as ExportedFile;
    const graph = JSON.parse(json.content) as {
      nodes: { title: string }[];
      links: { source: string; target: string }[];
    };
    expect(graph.nodes.map((n) => n.title).sort()).toEqual(['Keep one', 'Keep two']);
    expect(graph.links.map((l) => [l.source, l.target])).toEqual([
      [ids['Keep one'], ids['Keep two']],
    ]);
    for (const format of ['graphml', 'dot', 'mermaid', 'canvas', 'csv-nodes']) {
      const file = (await call('export', { format, only })) as ExportedFile;
      expect(file.content, format).toContain('Keep one');
      expect(file.content, format).not.toContain('Done already');
      // The starter plan's nodes have no tag: the tag filter leaves them out too.
      expect(file.content, format).not.toContain('Design the schema');
    }
    const links = (await call('export', { format: 'csv-links', only })) as ExportedFile;
    expect(links.content.trim().split('\n')).toHaveLength(2); // header + the one link
    // Without `only`, the same export has everything.
    const whole = (await call('export', { format: 'csv-nodes' })) as ExportedFile;
    expect(whole.content).toContain('Done already');
  });

  it('[E1] a malformed filter is refused with a typed error', async () => {
    const r = await started.service.call(
      'export',
      { format: 'csv-nodes', only: { hideStatuses: [7] } },
      { member: owner },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toMatch(/^bad_request\./);
  });
});
