import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRecord, Member, NodeRecord } from '../../shared/model/types';
import { exchangeRequests } from './test-support/exchange-requests';
import { startLiveServer, type LiveServer } from './test-support/live-server';

let server: LiveServer;
let byTitle: Record<string, NodeRecord>;
let vera: { member: Member; token: string };
/** The owner's private link, which no other member may see [A4]. */
let ownerPrivate: LinkRecord;
const { raw, exported, graphOf, workspaceIds } = exchangeRequests(() => server);

/** Runs Graphviz without blocking this process: the server under test runs in it too. */
function graphviz(dot: string): Promise<{ code: number | null; svg: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/dot', ['-Tsvg'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let svg = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (svg += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, svg, stderr }));
    child.stdin.end(dot);
  });
}

beforeAll(async () => {
  server = await startLiveServer();
  byTitle = Object.fromEntries((await graphOf()).nodes.map((n) => [n.title, n]));
  const design = byTitle['Design the schema'] as NodeRecord;
  const editor = byTitle['Ship the editor'] as NodeRecord;
  const added = await server.call('POST', '/api/member', {
    username: 'vera',
    email: 'vera@example.com',
  });
  vera = { member: added.json.member as Member, token: added.json.token as string };
  // A branch grant on the editor reaches what blocks it: the API and the schema.
  await server.call('POST', '/api/node/access', { id: editor.id, email: 'vera@example.com' });
  const link = await server.call('POST', '/api/link', {
    source: design.id,
    target: editor.id,
    link_type: 'is_related_to',
    private: true,
  });
  expect(link.status).toBe(200);
  ownerPrivate = (link.json.diff as { links: { after: LinkRecord }[] }).links[0]
    ?.after as LinkRecord;
});
afterAll(() => server.close());

describe('GET /api/export', () => {
  it('[F1][X3] native JSON is the lossless workspace, as a download', async () => {
    const res = await exported('format=json');
    expect(res.type).toBe('application/json; charset=utf-8');
    expect(res.disposition).toBe('attachment; filename="My-first-plan.linkgraph.json"');
    const file = JSON.parse(res.text) as {
      format: string;
      owner: string;
      nodes: NodeRecord[];
      links: LinkRecord[];
      members: Member[];
      grants: unknown[];
    };
    expect(file.format).toBe('linkgraph');
    expect(file.owner).toBe(server.owner);
    expect(file.nodes.map((n) => n.title).sort()).toEqual(Object.keys(byTitle).sort());
    expect(file.links.map((l) => l.id)).toContain(ownerPrivate.id);
    expect(file.members.map((m) => m.username)).toContain('vera');
    expect(file.grants).toHaveLength(1);
  });

  it('[F2] DOT loads in Graphviz and draws every node and the visible links', async () => {
    const res = await exported('format=dot');
    expect(res.type).toBe('text/vnd.graphviz; charset=utf-8');
    expect(res.disposition).toBe('attachment; filename="My-first-plan.dot"');
    expect(existsSync('/usr/bin/dot')).toBe(true);
    const { code, svg, stderr } = await graphviz(res.text);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const title of Object.keys(byTitle)) expect(svg).toContain(`>${title}</text>`);
    // Two plain links of the starter plan and the owner's own private link.
    expect(svg.match(/class="edge"/g)).toHaveLength(3);
  });

  it('[F1] GraphML, Mermaid, JSON Canvas and both CSV files, each with its media type', async () => {
    const graphml = await exported('format=graphml');
    expect(graphml.type).toBe('application/graphml+xml; charset=utf-8');
    expect(graphml.disposition).toContain('filename="My-first-plan.graphml"');
    expect(graphml.text).toMatch(/^<\?xml/);
    expect(graphml.text.match(/<node /g)).toHaveLength(4);
    expect(graphml.text.match(/<edge /g)).toHaveLength(3);

    const mermaid = await exported('format=mermaid');
    expect(mermaid.type).toBe('text/plain; charset=utf-8');
    expect(mermaid.disposition).toContain('filename="My-first-plan.mmd"');
    expect(mermaid.text).toMatch(/^flowchart /);
    for (const title of Object.keys(byTitle)) expect(mermaid.text).toContain(title);

    const canvas = await exported('format=canvas');
    expect(canvas.type).toBe('application/json; charset=utf-8');
    expect(canvas.disposition).toContain('filename="My-first-plan.canvas"');
    const cards = JSON.parse(canvas.text) as { nodes: { text: string }[]; edges: unknown[] };
    expect(cards.nodes).toHaveLength(4);
    expect(cards.edges).toHaveLength(3);

    const nodes = await exported('format=csv-nodes');
    expect(nodes.type).toBe('text/csv; charset=utf-8');
    expect(nodes.disposition).toContain('filename="My-first-plan.nodes.csv"');
    const nodeRows = nodes.text.split('\r\n').filter(Boolean);
    expect(nodeRows[0]).toMatch(/^id,display_id,title,/);
    expect(nodeRows).toHaveLength(5);

    const links = await exported('format=csv-links');
    expect(links.disposition).toContain('filename="My-first-plan.links.csv"');
    const linkRows = links.text.split('\r\n').filter(Boolean);
    expect(linkRows[0]).toMatch(/^id,display_id,source,target,/);
    expect(linkRows).toHaveLength(4);
  });

  it('[A4][F1] as another member: their view only, without the private link of someone else', async () => {
    const asVera = await exported(`format=json&as=${vera.member.id}`);
    expect(asVera.disposition).toBe('attachment; filename="My-first-plan-as-vera.linkgraph.json"');
    const file = JSON.parse(asVera.text) as { nodes: NodeRecord[]; links: LinkRecord[] };
    expect(file.nodes.map((n) => n.title).sort()).toEqual([
      'Build the API',
      'Design the schema',
      'Ship the editor',
    ]);
    expect(file.links).toHaveLength(2);
    expect(file.links.map((l) => l.id)).not.toContain(ownerPrivate.id);

    const dot = await exported(`format=dot&as=${vera.member.id}`);
    expect(dot.text).not.toContain(ownerPrivate.id);
    expect(dot.text).not.toContain('Write the guide');
    // Vera's own export (her token, no `as`) is the same view.
    const own = await exported('format=dot', vera.token);
    expect(own.text).toBe(dot.text);
  });

  it('[F1][X3] only=FILTERS: the nodes the filters show and the links between them', async () => {
    const only = encodeURIComponent(JSON.stringify({ kind: 'task' }));
    const file = JSON.parse((await exported(`format=json&only=${only}`)).text) as {
      nodes: NodeRecord[];
      links: LinkRecord[];
    };
    const tasks = Object.values(byTitle).filter((n) => n.kind === 'task');
    expect(file.nodes.map((n) => n.id).sort()).toEqual(tasks.map((n) => n.id).sort());
    const ids = new Set(tasks.map((n) => n.id));
    for (const l of file.links) expect(ids.has(l.source) && ids.has(l.target)).toBe(true);
    expect(file.links.length).toBeGreaterThan(0);
    for (const bad of ['{not json', JSON.stringify({ hideStatuses: [9] })]) {
      const refused = await raw('GET', `/api/export?format=dot&only=${encodeURIComponent(bad)}`);
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.text)).toMatchObject({
        ok: false,
        error: 'bad_request.invalid_params',
      });
    }
  });

  it('[E1] only the owner exports as someone else; bad formats and members are refused', async () => {
    const asOwner = await raw(
      'GET',
      `/api/export?format=dot&as=${server.owner}`,
      undefined,
      vera.token,
    );
    expect(asOwner.status).toBe(403);
    expect(JSON.parse(asOwner.text)).toMatchObject({ ok: false, error: 'forbidden.not_allowed' });
    const badFormat = await raw('GET', '/api/export?format=svg');
    expect(badFormat.status).toBe(400);
    expect(JSON.parse(badFormat.text)).toMatchObject({ ok: false });
    const nobody = await raw(
      'GET',
      '/api/export?format=dot&as=00000000-0000-4000-8000-000000000000',
    );
    expect(nobody.status).toBe(404);
    const noWorkspace = await raw('GET', '/api/export?format=dot&workspace=ws-nope');
    expect(noWorkspace.status).toBe(404);
  });
});

describe('POST /api/import', () => {
  /** Imports a file, checks the new workspace is listed and the open one is byte-identical. */
  async function imports(format: string, body: string, name?: string) {
    const before = server.filesOnDisk();
    const listed = await workspaceIds();
    const query = `format=${format}${name ? `&name=${encodeURIComponent(name)}` : ''}`;
    const res = await server.call('POST', `/api/import?${query}`, body);
    expect(res.status).toBe(200);
    expect(res.json.ok).toBe(true);
    const workspace = res.json.workspace as { id: string; name: string };
    expect(listed).not.toContain(workspace.id);
    expect(await workspaceIds()).toEqual([...listed, workspace.id]);
    expect(server.filesOnDisk()).toEqual(before);
    expect(server.hub.openId()).toBe(server.workspaceId);
    return workspace;
  }

  it('[F1] each importable format becomes a new workspace; the open one is untouched', async () => {
    const titles = Object.keys(byTitle).sort();
    for (const format of ['json', 'graphml', 'canvas'] as const) {
      const file = (await exported(`format=${format}`)).text;
      const workspace = await imports(format, file, `From ${format}`);
      expect(workspace.name).toBe(`From ${format}`);
      const g = await graphOf(workspace.id);
      expect(g.nodes.map((n) => n.title).sort()).toEqual(titles);
      expect(g.links).toHaveLength(3);
    }
    const nodes = (await exported('format=csv-nodes')).text;
    const links = (await exported('format=csv-links')).text;
    const csv = await imports('csv', `${nodes}\r\n${links}`);
    expect(csv.name).toMatch(/^Imported csv \d{4}-\d\d-\d\d$/);
    const g = await graphOf(csv.id);
    expect(g.nodes.map((n) => n.title).sort()).toEqual(titles);
    // Statuses are recomputed by the engine: the chain still blocks.
    const status = Object.fromEntries(g.nodes.map((n) => [n.title, n.status]));
    expect(status).toMatchObject({ 'Build the API': 2, 'Ship the editor': 2 });
  });

  it('[F1] native JSON round trip: export → import → export gives the same graph', async () => {
    const first = JSON.parse((await exported('format=json')).text) as Record<string, unknown>;
    const workspace = await imports('json', JSON.stringify(first));
    expect(workspace.name).toBe('My first plan');
    const again = JSON.parse((await exported(`format=json&workspace=${workspace.id}`)).text);
    for (const key of ['owner', 'members', 'nodes', 'links', 'custom_link_types', 'grants']) {
      expect(again[key]).toEqual(first[key]);
    }
    const statuses = (g: { nodes: NodeRecord[] }) => g.nodes.map((n) => [n.id, n.status]);
    expect(statuses(await graphOf(workspace.id))).toEqual(statuses(await graphOf()));
  });

  it("[F1] a file owned by someone else becomes the importer's: the owner member is mapped", async () => {
    const file = JSON.parse((await exported('format=json')).text) as {
      owner: string;
      members: Member[];
    };
    const stranger = '11111111-2222-4333-8444-555555555555';
    const text = JSON.stringify(file)
      .replaceAll(file.owner, stranger)
      .replace(/"email":"[^"]*@linkgraph\.local"/, '"email":"stranger@example.com"');
    const workspace = await imports('json', text);
    const members = await server.call('POST', `/rpc/members.list?workspace=${workspace.id}`);
    const value = members.json.value as { owner: string; members: Member[] };
    expect(value.owner).toBe(server.owner);
    expect(value.members.map((m) => m.id).sort()).toEqual([server.owner, vera.member.id].sort());
    const g = await graphOf(workspace.id);
    expect(new Set(g.nodes.map((n) => n.owner))).toEqual(new Set([server.owner]));
    expect(g.links.every((l) => l.created_by === server.owner)).toBe(true);
  });
});
