/**
 * [H1] [H2] A batch in words, as the history panel and the "Undid: …" toast show it: nodes by
 * display id and title, links by their endpoints' display ids, never a raw id.
 */
import { describe, expect, it } from 'vitest';
import { describeBatch, type Names } from './describe-batch';
import type { Batch, WorkspaceState } from './index';
import { World } from './test-support/world';

/** The names the service gives the workspace owner: every node as it is now. */
const names = (state: WorkspaceState): Names => ({
  node: (id) => {
    const n = state.nodes.get(id);
    return n ? { display_id: n.rec.display_id, title: n.rec.title } : undefined;
  },
  member: (id) => state.members.get(id)?.username,
  linkType: (id) => state.linkTypes.get(id),
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

function setup() {
  const w = new World();
  const say = (b: Batch) => {
    const text = describeBatch(b, names(w.state));
    expect(text).not.toMatch(UUID);
    return text;
  };
  const design = w.node({ title: 'Design schema' });
  const api = w.node({ title: 'Build API' });
  return { w, say, design, api };
}

describe('describeBatch', () => {
  it('[H1] node changes name the node by display id and title', () => {
    const { w, say, design, api } = setup();
    expect(say(w.run('node.create', { title: 'Write spec' }))).toBe('added TASK-3 Write spec');
    expect(say(w.run('node.update', { id: design, status: 3 }))).toBe(
      'status of TASK-1 Design schema → Completed',
    );
    expect(say(w.run('node.update', { id: design, title: 'Design the schema' }))).toBe(
      'renamed TASK-1 "Design schema" → "Design the schema"',
    );
    expect(say(w.run('node.update', { id: api, priority: 4, tags: ['x'] }))).toBe(
      'edited TASK-2 Build API (tags, priority)',
    );
    expect(say(w.run('node.update', { id: api, dependent: false }))).toBe(
      'made TASK-2 Build API independent',
    );
    expect(say(w.run('node.update', { id: api, position: { x: 5, y: 5 } }))).toBe(
      'moved TASK-2 Build API',
    );
    expect(say(w.run('node.trash', { id: api }))).toBe('trashed TASK-2 Build API');
    expect(say(w.run('node.restore', { id: api }))).toBe('restored TASK-2 Build API');
    w.run('node.trash', { id: api });
    expect(say(w.run('node.purge', { id: api }))).toBe('deleted TASK-2 Build API for good');
  });

  it('[H1] link changes name both ends; the cascade is summed up, not listed', () => {
    const { w, say, design, api } = setup();
    const linked = w.run('link.create', { source: design, target: api });
    expect(say(linked)).toBe('link TASK-1 → TASK-2 (1 node blocked)');
    const id = (linked.links[0]?.after as { id: string }).id;
    expect(say(w.run('link.update', { id, type: 1 }))).toBe(
      'made link TASK-1 → TASK-2 non-blocking (1 node released)',
    );
    expect(say(w.run('link.update', { id, private: true }))).toBe(
      'made link TASK-1 → TASK-2 private',
    );
    expect(say(w.run('link.swap', { id }))).toBe('swapped link TASK-1 → TASK-2');
    expect(say(w.run('link.trash', { id }))).toBe('trashed link TASK-2 → TASK-1');
    expect(say(w.run('link.restore', { id }))).toBe('restored link TASK-2 → TASK-1');
    const parent = w.run('link.create', { source: design, target: api, link_type: 'is_parent_of' });
    expect(say(parent)).toMatch(/^link TASK-1 → TASK-2 \(is parent of\)/);
  });

  it('[R1] trashing a node does not list its links; [P1] a replace is one re-attach', () => {
    const { w, say, design, api } = setup();
    const third = w.node({ title: 'Write spec' });
    const l = w.link(design, api);
    expect(say(w.run('node.trash', { id: design }))).toBe(
      'trashed TASK-1 Design schema (1 node released)',
    );
    w.run('node.restore', { id: design });
    expect(say(w.run('link.replace', { id: l, source: design, target: third }))).toMatch(
      /^re-attached link TASK-1 → TASK-2 to TASK-1 → TASK-3/,
    );
  });

  it('[H1] access, members and link types in words', () => {
    const { w, say, design } = setup();
    const add = w.run('member.add', { username: 'ann', email: 'ann@example.com' });
    expect(say(add)).toBe('added member ann');
    const ann = (add.user[0]?.after as { id: string }).id;
    expect(say(w.run('access.grant', { node: design, member: ann, level: 2 }))).toBe(
      'gave ann editor access to TASK-1 Design schema and what it blocks',
    );
    expect(say(w.run('access.revoke', { node: design, member: ann }))).toBe(
      "revoked ann's access to TASK-1 Design schema",
    );
    const t = w.run('link_type.create', {
      name: 'feeds',
      forward_name: 'feeds',
      backward_name: 'is fed by',
    });
    expect(say(t)).toBe('defined link type "feeds"');
  });

  it('[H1] several at once: counted, or what they have in common', () => {
    const { w, say, design, api } = setup();
    const third = w.node({ title: 'Write spec' });
    const ids = [design, api, third];
    const moves = ids.map((id, i) => ({ id, position: { x: i * 10, y: 7 } }));
    expect(say(w.run('node.move', { moves }))).toBe('3 nodes moved');
    expect(say(w.run('nodes.update', { ids, patch: { status: 3 } }))).toBe(
      'status of 3 nodes → Completed',
    );
    expect(say(w.run('nodes.update', { ids, patch: { kind: 'issue' } }))).toBe(
      'kind of 3 nodes → issue',
    );
    expect(say(w.run('nodes.update', { ids, patch: { tags_add: ['x'] } }))).toBe(
      'tags of 3 nodes edited',
    );
    w.link(design, api);
    expect(say(w.run('nodes.duplicate', { ids: [design, api] }))).toBe(
      '2 nodes added, link ISS-1 → ISS-2',
    );
    const l = w.link(api, third);
    expect(say(w.run('selection.trash', { nodes: ids, links: [l] }))).toBe('3 nodes trashed');
  });

  it('[A4] a node the reader may not see is "a hidden node"; a purged one keeps its name', () => {
    const { w, design, api } = setup();
    const linked = w.run('link.create', { source: design, target: api });
    const hiding: Names = { node: (id) => (id === design ? 'hidden' : undefined) };
    expect(describeBatch(linked, hiding)).toBe('link a hidden node → a node (1 node blocked)');
    w.run('node.trash', { id: api });
    const purged = w.run('node.purge', { id: api });
    // The batch's own images still name what is gone.
    expect(describeBatch(purged, names(w.state))).toBe('deleted TASK-2 Build API for good');
  });
});
