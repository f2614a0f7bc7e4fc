import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportGraphml } from './graphml-export';
import { importGraphml } from './graphml-import';
import { MAX_IMPORT_NODES, MAX_STRING_CHARS, MAX_XML_DEPTH } from './limits';
import { OWNER, importContext, sampleGraph, uuid } from './test-support/fixtures';
import { TABULAR_LINK_FIELDS, TABULAR_NODE_FIELDS, project } from './test-support/compare';
import { PYTHON, hasNetworkx, warnIfMissing } from './test-support/tools';

const missing = warnIfMissing(
  hasNetworkx,
  `NetworkX for ${PYTHON} (Debian package python3-networkx)`,
);
const dir = mkdtempSync(join(tmpdir(), 'linkgraph-graphml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs Python with NetworkX; the script prints JSON. */
function python(script: string, ...args: string[]): unknown {
  const run = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

const READ = `
import json, sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
typed = lambda d: {k: [type(v).__name__, v] for k, v in d.items()}
print(json.dumps({
  'directed': g.is_directed(),
  'graph': typed(g.graph),
  'nodes': {n: typed(d) for n, d in g.nodes(data=True)},
  'edges': [[u, v, typed(d)] for u, v, d in g.edges(data=True)],
}))
`;
type Typed = Record<string, [string, unknown]>;
interface NxGraph {
  directed: boolean;
  graph: Typed;
  nodes: Record<string, Typed>;
  edges: [string, string, Typed][];
}

const ok = (text: string) => {
  const result = importGraphml(text, importContext());
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const refuse = (text: string) => {
  const result = importGraphml(text, importContext());
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};

const wrap = (body: string, keys = '') =>
  `<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">${keys}<graph edgedefault="directed">${body}</graph></graphml>`;

describe('[F2] GraphML export loads in NetworkX', () => {
  it.skipIf(missing)('[PL5] NetworkX reads the planning fields as typed keys', () => {
    const graph = sampleGraph();
    const file = join(dir, 'planning.graphml');
    writeFileSync(file, exportGraphml(graph));
    const g = python(READ, file) as NxGraph;
    const planned = graph.nodes.filter((n) => n.estimate !== undefined);
    expect(planned.length).toBeGreaterThan(0);
    for (const n of graph.nodes) {
      const attrs = g.nodes[n.id] ?? {};
      expect(attrs.due_date).toEqual(n.due_date === undefined ? undefined : ['str', n.due_date]);
      expect(attrs.start_date).toEqual(
        n.start_date === undefined ? undefined : ['str', n.start_date],
      );
      expect(attrs.estimate).toEqual(n.estimate === undefined ? undefined : ['float', n.estimate]);
      const assignee = attrs.assignee?.[1];
      expect(assignee === undefined ? undefined : JSON.parse(String(assignee))).toEqual(n.assignee);
    }
  });

  it.skipIf(missing)('[F2] read_graphml gets every node and edge with typed attributes', () => {
    const graph = sampleGraph();
    const file = join(dir, 'sample.graphml');
    writeFileSync(file, exportGraphml(graph));
    const g = python(READ, file) as NxGraph;

    expect(g.directed).toBe(true);
    expect(g.graph.name).toEqual(['str', graph.name]);
    expect(Object.keys(g.nodes).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    for (const n of graph.nodes) {
      const attrs = g.nodes[n.id] ?? {};
      expect(attrs.title).toEqual(['str', n.title]);
      expect(attrs.kind).toEqual(['str', n.kind]);
      expect(attrs.status).toEqual(['int', n.status]);
      expect(attrs.dependent).toEqual(['bool', n.dependent]);
      expect(attrs.x).toEqual(['float', n.position.x]);
      expect(attrs.y).toEqual(['float', n.position.y]);
      expect(attrs.priority).toEqual(['int', n.priority]);
      expect(attrs.version).toEqual(['int', n.version]);
      expect(attrs.in_trash).toEqual(['bool', n.in_trash]);
      expect(attrs.created_time).toEqual(['str', n.created_time]);
      // Empty strings are "no data" in GraphML.
      expect(attrs.description).toEqual(n.description === '' ? undefined : ['str', n.description]);
      expect(attrs.tags).toEqual(n.tags.length ? ['str', JSON.stringify(n.tags)] : undefined);
    }
    expect(g.edges).toHaveLength(graph.links.length);
    for (const l of graph.links) {
      const edge = g.edges.find(([, , d]) => d.id?.[1] === l.id);
      expect(edge?.[0]).toBe(l.source);
      expect(edge?.[1]).toBe(l.target);
      const attrs = edge?.[2] ?? {};
      expect(attrs.type).toEqual(['int', l.type]);
      expect(attrs.private).toEqual(['bool', l.private]);
      expect(attrs.was_blocker).toEqual(['bool', l.was_blocker]);
      expect(attrs.in_trash).toEqual(['bool', l.in_trash]);
      expect(attrs.version).toEqual(['int', l.version]);
      expect(attrs.link_type).toEqual(l.link_type === undefined ? undefined : ['str', l.link_type]);
    }
    const custom = g.edges.find(([, , d]) => d.link_type?.[1] === 'custom_link')?.[2];
    expect(custom?.custom_link_type_name).toEqual(['str', 'reviews']);
    expect(custom?.label).toEqual(['str', 'reviews "carefully"']);
  });

  it.skipIf(missing)('[F2] imports a GraphML written by NetworkX, filling defaults', () => {
    const file = join(dir, 'from-networkx.graphml');
    python(
      `
import json, sys, networkx as nx
g = nx.DiGraph(name='From nx')
g.add_node('a', label='Alpha', weight=2.5)
g.add_node('b', label='Beta & <friends>')
g.add_node('c')
g.add_edge('a', 'b', relation='x')
g.add_edge('b', 'c')
nx.write_graphml(g, sys.argv[1])
print('{}')
`,
      file,
    );
    const g = ok(readFileSync(file, 'utf8'));
    expect(g.name).toBe('From nx');
    expect(g.nodes.map((n) => n.title)).toEqual(['Alpha', 'Beta & <friends>', '']);
    expect(g.nodes.map((n) => n.id)).toEqual([
      uuid(1, '11111111'),
      uuid(2, '11111111'),
      uuid(3, '11111111'),
    ]);
    expect(g.nodes.every((n) => n.kind === 'task' && n.status === 0 && n.owner === OWNER.id)).toBe(
      true,
    );
    expect(g.links.map((l) => [l.source, l.target, l.link_type, l.type])).toEqual([
      [g.nodes[0]?.id, g.nodes[1]?.id, undefined, 0],
      [g.nodes[1]?.id, g.nodes[2]?.id, undefined, 0],
    ]);
    expect(g.members).toEqual([OWNER]);
  });
});

describe('[F1] GraphML round trip', () => {
  it('[F1] export → import keeps every field GraphML carries', () => {
    const graph = sampleGraph();
    const back = ok(exportGraphml(graph));
    expect(project(back, TABULAR_NODE_FIELDS, TABULAR_LINK_FIELDS)).toEqual(
      project(graph, TABULAR_NODE_FIELDS, TABULAR_LINK_FIELDS),
    );
    expect(back.name).toBe(graph.name);
    // Members are not carried: the importer owns everything.
    expect(back.nodes.every((n) => n.owner === OWNER.id)).toBe(true);
  });

  it('reads a yEd file: labels and geometry inside graphics data', () => {
    const g = ok(
      wrap(
        `<node id="n0"><data key="d0"><y:ShapeNode><y:Geometry x="12.5" y="-40" width="30" height="30"/><y:NodeLabel>Hello yEd</y:NodeLabel></y:ShapeNode></data></node><node id="n1"/><edge source="n0" target="n1"/>`,
        '<key id="d0" for="node" yfiles.type="nodegraphics"/>',
      ).replace('<graphml ', '<graphml xmlns:y="http://www.yworks.com/xml/graphml" '),
    );
    expect(g.nodes[0]).toMatchObject({ title: 'Hello yEd', position: { x: 12.5, y: -40 } });
    expect(g.links).toHaveLength(1);
  });
});

describe('GraphML import refuses hostile files', () => {
  it('refuses a DOCTYPE with an entity expansion bomb', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><graphml><graph>&lol2;</graph></graphml>`;
    const error = refuse(bomb);
    expect(error.code).toBe('bad_request.import_unsafe');
    expect(error.message).toContain('DOCTYPE');
  });

  it('refuses an external entity', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE g [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><graphml><graph><node id="&xxe;"/></graph></graphml>`;
    expect(refuse(xxe).code).toBe('bad_request.import_unsafe');
  });

  it('refuses undeclared named entities', () => {
    const error = refuse(wrap('<node id="a&copy;"/>'));
    expect(error.code).toBe('bad_request.import_unsafe');
    expect(error.message).toContain('entities');
  });

  it('refuses deep nesting', () => {
    const deep = wrap(`<node id="a">${'<x>'.repeat(200)}${'</x>'.repeat(200)}</node>`);
    const error = refuse(deep);
    expect(error.code).toBe('bad_request.import_too_deep');
    expect(error.message).toContain(String(MAX_XML_DEPTH));
  });

  it('refuses a file over the node limit', () => {
    const error = refuse(wrap('<node id="n"/>'.repeat(MAX_IMPORT_NODES + 1)));
    expect(error.code).toBe('bad_request.import_too_large');
    expect(error.message).toContain(String(MAX_IMPORT_NODES));
  });

  it('refuses huge strings', () => {
    const error = refuse(wrap(`<node id="${'a'.repeat(MAX_STRING_CHARS + 1)}"/>`));
    expect(error.code).toBe('bad_request.import_too_large');
  });

  it('refuses prototype-polluting names', () => {
    expect(refuse(wrap('<__proto__/>')).code).toBe('bad_request.import_unsafe');
    expect(refuse(wrap('<node id="a" __proto__="x"/>')).code).toBe('bad_request.import_unsafe');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('keeps __proto__ as an ordinary id or key in values (they live in Maps)', () => {
    const keys = '<key id="__proto__" for="node" attr.name="title" attr.type="string"/>';
    const g = ok(wrap('<node id="__proto__"><data key="__proto__">Safe</data></node>', keys));
    expect(g.nodes.map((n) => n.title)).toEqual(['Safe']);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('refuses malformed XML with its position', () => {
    const error = refuse('<graphml><graph><node id="a"></graph></graphml>');
    expect(error.code).toBe('bad_request.import_malformed');
    expect(error.message).toMatch(/line 1/);
  });

  it('refuses dangling edges and duplicate node ids', () => {
    const dangling = refuse(wrap('<node id="a"/><edge source="a" target="zz"/>'));
    expect(dangling.code).toBe('bad_request.import_dangling_reference');
    expect(dangling.message).toContain('"zz"');
    const duplicate = refuse(wrap('<node id="a"/><node id="a"/>'));
    expect(duplicate.code).toBe('bad_request.import_duplicate_id');
  });

  it('refuses a value that does not match its declared type', () => {
    const keys = '<key id="s" for="node" attr.name="status" attr.type="int"/>';
    const error = refuse(wrap('<node id="a"><data key="s">banana</data></node>', keys));
    expect(error.code).toBe('bad_request.import_invalid');
    expect(error.message).toContain('"status" should be int');
  });

  it('refuses out-of-range values of our fields', () => {
    const keys = '<key id="k" for="node" attr.name="kind" attr.type="string"/>';
    expect(
      refuse(wrap('<node id="a"><data key="k">spaceship</data></node>', keys)).message,
    ).toContain('kind "spaceship"');
  });

  it('refuses undeclared data keys, nested graphs, several graphs, another root', () => {
    expect(refuse(wrap('<node id="a"><data key="nope">1</data></node>')).code).toBe(
      'bad_request.import_dangling_reference',
    );
    expect(refuse(wrap('<node id="a"><graph/></node>')).message).toContain('nested graphs');
    expect(refuse('<graphml><graph/><graph/></graphml>').message).toContain('exactly one');
    expect(refuse('<svg/>').message).toContain('not <graphml>');
  });

  it('[C3] leaves self-links to the engine, which refuses them on import (prepare-import.test.ts)', () => {
    const r = importGraphml(wrap('<node id="a"/><edge source="a" target="a"/>'), importContext());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.links.map((l) => l.source === l.target)).toEqual([true]);
  });
});
