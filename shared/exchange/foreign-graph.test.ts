import { describe, expect, it } from 'vitest';
import { ForeignGraphBuilder } from './foreign-graph';
import { importContext, OWNER, uuid } from './test-support/fixtures';

const built = (b: ForeignGraphBuilder) => {
  const g = b.build();
  if (!g.ok) throw new Error(g.error.message);
  return g.value;
};

describe('ForeignGraphBuilder ids', () => {
  it('[E1] refuses a node id given twice with a typed error, and keeps the first node', () => {
    const b = new ForeignGraphBuilder(importContext());
    expect(b.addNode({ fileId: 'a', title: 'first' }, 'node 1').ok).toBe(true);
    const again = b.addNode({ fileId: 'a', title: 'second' }, 'node 2');
    expect(again).toEqual({
      ok: false,
      error: { code: 'bad_request.import_duplicate_id', message: 'node 2: duplicate node id "a"' },
    });
    expect(b.addNode({ fileId: 'b' }, 'node 3').ok).toBe(true);
    expect(b.addLink({ source: 'a', target: 'b' }, 'link 1').ok).toBe(true);
    const g = built(b);
    expect(g.nodes.map((n) => n.title)).toEqual(['first', '']);
    expect(g.nodes.map((n) => n.display_id)).toEqual(['TASK-1', 'TASK-2']);
    expect(g.links[0]?.source).toBe(g.nodes[0]?.id);
  });

  it('[E1] a node refused for a field changes nothing: its id can be given again', () => {
    const b = new ForeignGraphBuilder(importContext());
    const bad = b.addNode({ fileId: uuid(7), kind: 'planet' }, 'node 1');
    expect(bad.ok ? undefined : bad.error.code).toBe('bad_request.import_invalid');
    expect(b.nodeCount).toBe(0);
    // The same file id again, now valid: accepted, and it keeps its own UUID.
    expect(b.addNode({ fileId: uuid(7) }, 'node 2').ok).toBe(true);
    expect(built(b).nodes.map((n) => n.id)).toEqual([uuid(7)]);
  });

  it('[E1] refuses a link id given twice, also as another link’s upper-case UUID', () => {
    const b = new ForeignGraphBuilder(importContext());
    b.addNode({ fileId: 'a' }, 'node 1');
    b.addNode({ fileId: 'b' }, 'node 2');
    b.addNode({ fileId: 'c' }, 'node 3');
    expect(b.addLink({ fileId: 'e1', source: 'a', target: 'b' }, 'edge 1').ok).toBe(true);
    const twice = b.addLink({ fileId: 'e1', source: 'b', target: 'c' }, 'edge 2');
    expect(twice.ok ? undefined : twice.error).toEqual({
      code: 'bad_request.import_duplicate_id',
      message: 'edge 2: duplicate link id "e1"',
    });
    const upper = uuid(0xab9).toUpperCase();
    expect(b.addLink({ fileId: upper, source: 'b', target: 'c' }, 'edge 3').ok).toBe(true);
    const sameUpper = b.addLink({ fileId: upper, source: 'a', target: 'c' }, 'edge 4');
    expect(sameUpper.ok ? undefined : sameUpper.error.code).toBe('bad_request.import_duplicate_id');
    // Its lower-case form is the id the link got: given again, it is a duplicate too.
    const lower = b.addLink({ fileId: uuid(0xab9), source: 'a', target: 'c' }, 'edge 5');
    expect(lower.ok ? undefined : lower.error.code).toBe('bad_request.import_duplicate_id');
    expect(built(b).links.map((l) => l.id)).toEqual([uuid(4, '11111111'), uuid(0xab9)]);
  });

  it('[F1] keeps file UUIDs (in lower case) once each; a taken one gets a fresh UUID', () => {
    const b = new ForeignGraphBuilder(importContext());
    b.addNode({ fileId: uuid(0xab5) }, 'node 1');
    b.addNode({ fileId: uuid(0xab5).toUpperCase() }, 'node 2'); // another file id, same UUID
    b.addNode({}, 'node 3');
    b.addLink(
      { fileId: uuid(0xab6), source: uuid(0xab5), target: uuid(0xab5).toUpperCase() },
      'edge 1',
    );
    b.addLink({ fileId: uuid(0xab6).toUpperCase(), source: uuid(0xab5), target: 'x' }, 'edge 2');
    const g = built(b);
    expect(g.nodes.map((n) => n.id)).toEqual([
      uuid(0xab5),
      uuid(1, '11111111'),
      uuid(2, '11111111'),
    ]);
    expect(g.links.map((l) => [l.id, l.source, l.target])).toEqual([
      [uuid(0xab6), uuid(0xab5), uuid(1, '11111111')],
    ]);
    expect(g.nodes.every((n) => n.owner === OWNER.id)).toBe(true);
  });
});
