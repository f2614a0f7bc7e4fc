/**
 * SynapTask's WebSocket API (SPEC X4), the change events: every documented node, link and
 * history event with its success ack and a typed refusal that writes nothing, over a real
 * socket.io-client against a real server and store.
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../shared/engine';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { synaptaskSocketsPerFile, unknownId, type Diff } from './test-support/synaptask-sockets';

const { server, ask, refused, diffOf, newNode, newLink, graph } = synaptaskSocketsPerFile();

describe('node events (SPEC X4)', () => {
  it('[X4] node:add acks {ok, diff} with op 0 and the full node; a title over 80 is refused', async () => {
    const diff = diffOf(await ask('node:add', { title: 'Added by socket', priority: 4 }));
    expect(diff.nodes[0]).toMatchObject({
      op: Op.NODE_ADD,
      before: {},
      after: { title: 'Added by socket', priority: 4 },
    });
    expect((await graph()).nodes.map((n) => n.title)).toContain('Added by socket');
    await refused('node:add', { title: 'x'.repeat(81) }, 'bad_request.title_too_long');
  });

  it('[X4] node:update changes only the fields given; an unknown node is refused', async () => {
    const node = await newNode('Before update');
    const diff = diffOf(await ask('node:update', { id: node.id, title: 'After update' }));
    expect(diff.nodes[0]).toMatchObject({
      op: Op.NODE_UPDATE,
      after: { id: node.id, title: 'After update' },
    });
    const now = (await graph()).nodes.find((n) => n.id === node.id);
    expect(now).toMatchObject({ title: 'After update', priority: node.priority });
    await refused('node:update', { id: unknownId, title: 'Ghost' }, 'not_found.node_not_found');
  });

  it('[X4] node:trash, node:restore and node:delete; each refused in the wrong trash state', async () => {
    const node = await newNode('Trash cycle');
    await refused('node:restore', { id: node.id }, 'bad_request.node_not_in_trash');
    await refused('node:delete', { id: node.id }, 'bad_request.node_not_in_trash');
    expect(diffOf(await ask('node:trash', { id: node.id })).nodes[0]).toMatchObject({
      op: Op.NODE_TRASH,
      after: { id: node.id, in_trash: true },
    });
    await refused('node:trash', { id: node.id }, 'bad_request.node_in_trash');
    expect(diffOf(await ask('node:restore', { id: node.id })).nodes[0]).toMatchObject({
      op: Op.NODE_RESTORE,
      after: { id: node.id },
    });
    expect((await graph()).nodes.map((n) => n.id)).toContain(node.id);
    diffOf(await ask('node:trash', { id: node.id }));
    expect(diffOf(await ask('node:delete', { id: node.id })).nodes[0]).toMatchObject({
      op: Op.NODE_PURGE,
      before: { id: node.id },
      after: {},
    });
    expect(((await ask('trash:page', {})).nodes as NodeRecord[]).map((n) => n.id)).not.toContain(
      node.id,
    );
  });

  it('[X4] node:access grants a member by email (default viewer, branch); an unknown email is refused', async () => {
    const added = await server().call('POST', '/api/member', {
      username: 'sock',
      email: 'sock@example.com',
    });
    expect(added.status).toBe(200);
    const node = await newNode('Shared by socket');
    const diff = diffOf(await ask('node:access', { id: node.id, email: 'sock@example.com' }));
    expect(diff.access[0]).toMatchObject({
      op: Op.ACCESS_GRANT,
      after: { level: 3, branch: true },
    });
    const seen = await server().call('GET', '/api/graph', undefined, added.json.token as string);
    expect((seen.json.graph as { nodes: NodeRecord[] }).nodes.map((n) => n.id)).toContain(node.id);
    await refused(
      'node:access',
      { id: node.id, email: 'nobody@example.com' },
      'not_found.member_not_found',
    );
  });
});

describe('link events (SPEC X4)', () => {
  it('[X4] link:add acks {ok, diff} with op 10; a self-link is refused', async () => {
    const a = await newNode('Link A');
    const b = await newNode('Link B');
    const diff = diffOf(await ask('link:add', { source: a.id, target: b.id }));
    expect(diff.links[0]).toMatchObject({
      op: Op.LINK_ADD,
      after: { source: a.id, target: b.id, type: 0 },
    });
    await refused('link:add', { source: a.id, target: a.id }, 'bad_request.self_link_not_allowed');
  });

  it('[X4] link:update changes the type; a malformed id is refused', async () => {
    const link = await newLink((await newNode('Upd A')).id, (await newNode('Upd B')).id);
    const diff = diffOf(await ask('link:update', { id: link.id, type: 1 }));
    expect(diff.links[0]).toMatchObject({ op: Op.LINK_UPDATE, after: { id: link.id, type: 1 } });
    expect((await graph()).links.find((l) => l.id === link.id)?.type).toBe(1);
    await refused('link:update', { id: 'not-a-uuid', type: 0 }, 'bad_request.invalid_uuid');
  });

  it('[X4] link:swap reverses source and target; an unknown link is refused', async () => {
    const a = await newNode('Swap A');
    const b = await newNode('Swap B');
    const link = await newLink(a.id, b.id, 1);
    const diff = diffOf(await ask('link:swap', { id: link.id }));
    expect(diff.links[0]).toMatchObject({
      op: Op.LINK_SWAP,
      after: { id: link.id, source: b.id, target: a.id },
    });
    expect((await graph()).links.find((l) => l.id === link.id)).toMatchObject({
      source: b.id,
      target: a.id,
    });
    await refused('link:swap', { id: unknownId }, 'not_found.link_not_found');
  });

  it('[X4] link:trash, link:restore and link:delete; each refused in the wrong trash state', async () => {
    const link = await newLink((await newNode('LT A')).id, (await newNode('LT B')).id, 1);
    await refused('link:restore', { id: link.id }, 'bad_request.link_not_in_trash');
    await refused('link:delete', { id: link.id }, 'bad_request.link_not_in_trash');
    expect(diffOf(await ask('link:trash', { id: link.id })).links[0]).toMatchObject({
      op: Op.LINK_TRASH,
      after: { id: link.id, in_trash: true },
    });
    expect(((await ask('trash:page', {})).links as LinkRecord[]).map((l) => l.id)).toContain(
      link.id,
    );
    await refused('link:trash', { id: link.id }, 'bad_request.link_in_trash');
    expect(diffOf(await ask('link:restore', { id: link.id })).links[0]).toMatchObject({
      op: Op.LINK_RESTORE,
      after: { id: link.id, in_trash: false },
    });
    diffOf(await ask('link:trash', { id: link.id }));
    expect(diffOf(await ask('link:delete', { id: link.id })).links[0]).toMatchObject({
      op: Op.LINK_PURGE,
      before: { id: link.id },
      after: {},
    });
    expect((await graph()).links.map((l) => l.id)).not.toContain(link.id);
  });
});

describe('history events (SPEC X4)', () => {
  it('[X4] history:undo and history:redo ack {ok, batchId, undoOf|redoOf, diff}; repeating either is refused', async () => {
    const made = diffOf(await ask('node:add', { title: 'Undo by socket' }));
    const undo = await ask('history:undo', { batchId: made.batchId });
    expect(undo).toMatchObject({ ok: true, undoOf: made.batchId });
    expect(undo.batchId).toBe((undo.diff as Diff).batchId);
    expect(undo.batchId).not.toBe(made.batchId);
    expect((await graph()).nodes.map((n) => n.title)).not.toContain('Undo by socket');
    await refused('history:undo', { batchId: made.batchId }, 'conflict.already_undone');
    const redo = await ask('history:redo', { batchId: made.batchId });
    expect(redo).toMatchObject({ ok: true, redoOf: made.batchId });
    expect(redo.batchId).toBe((redo.diff as Diff).batchId);
    expect((await graph()).nodes.map((n) => n.title)).toContain('Undo by socket');
    await refused('history:redo', { batchId: made.batchId }, 'conflict.not_undone');
  });
});
