import { describe, expect, it } from 'vitest';
import { exportCanvas } from './canvas-export';
import { importCanvas } from './canvas-import';
import { MAX_IMPORT_NODES, MAX_JSON_DEPTH } from './limits';
import { activePart } from './visible';
import { OWNER, importContext, sampleGraph, uuid } from './test-support/fixtures';
import { JsonCanvas10 } from './test-support/json-canvas-schema';

const ok = (text: string) => {
  const result = importCanvas(text, importContext());
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const refuse = (text: string) => {
  const result = importCanvas(text, importContext());
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};
const card = (id: string, text = id) => ({
  id,
  type: 'text',
  text,
  x: 0,
  y: 0,
  width: 100,
  height: 60,
});

describe('[F2] JSON Canvas export conforms to JSON Canvas 1.0', () => {
  it('[F2] validates against the 1.0 schema, every edge joining existing nodes', () => {
    const graph = sampleGraph();
    const canvas = JsonCanvas10.parse(JSON.parse(exportCanvas(graph)));
    const { nodes, links } = activePart(graph);
    expect(canvas.nodes?.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
    expect(canvas.edges?.map((e) => [e.fromNode, e.toNode])).toEqual(
      links.map((l) => [l.source, l.target]),
    );
  });

  it('the schema itself refuses what the spec forbids', () => {
    expect(JsonCanvas10.safeParse({ nodes: [{ ...card('a'), x: 1.5 }] }).success).toBe(false);
    expect(
      JsonCanvas10.safeParse({ edges: [{ id: 'e', fromNode: 'a', toNode: 'b' }] }).success,
    ).toBe(false);
    expect(JsonCanvas10.safeParse({ nodes: [{ ...card('a'), color: 'red' }] }).success).toBe(false);
  });

  it('shows status by colour, kind and privacy in labels', () => {
    const canvas = JsonCanvas10.parse(JSON.parse(exportCanvas(sampleGraph())));
    const nodes = canvas.nodes ?? [];
    expect(nodes.map((n) => n.color)).toEqual([
      undefined,
      '3',
      '1',
      '4',
      undefined,
      '3',
      '1',
      '4',
      undefined,
      '3',
    ]);
    expect(nodes[2]?.type === 'text' && nodes[2].text).toBe(
      '## <script>alert(1)</script> & &lt; &amp;\n`TASK-3` \u00b7 task \u00b7 Blocked',
    );
    expect(canvas.edges?.map((e) => e.label)).toEqual([
      'primary',
      'is related to \u00b7 secondary',
      '\u{1F512} private \u00b7 is parent of \u00b7 primary',
      'reviews "carefully" \u00b7 primary',
      '\u{1F512} private \u00b7 is duplicate of \u00b7 secondary',
      'imports \u00b7 primary',
    ]);
  });
});

describe('[F1] JSON Canvas round trip', () => {
  it('[F1] export → import keeps titles, descriptions, kinds, statuses, positions and links', () => {
    const graph = sampleGraph();
    const back = ok(exportCanvas(graph));
    const { nodes, links } = activePart(graph);
    expect(
      back.nodes.map((n) => [
        n.id,
        n.display_id,
        n.title,
        n.description,
        n.kind,
        n.status,
        n.position,
      ]),
    ).toEqual(
      nodes.map((n) => [
        n.id,
        n.display_id,
        n.title.replace(/\n/g, ' '),
        n.description,
        n.kind,
        n.status,
        { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      ]),
    );
    const custom = new Map(back.custom_link_types.map((t) => [t.id, t.name]));
    expect(
      back.links.map((l) => [
        l.id,
        l.source,
        l.target,
        l.link_type,
        l.type,
        l.private,
        custom.get(l.custom_link_type ?? ''),
      ]),
    ).toEqual(
      links.map((l) => [
        l.id,
        l.source,
        l.target,
        l.link_type,
        l.type,
        l.private,
        l.link_type === 'custom_link' ? 'reviews "carefully"' : undefined,
      ]),
    );
  });

  it('imports an Obsidian canvas: cards, files, links, groups left out', () => {
    const obsidian = {
      nodes: [
        {
          id: '6f0ad84f44ce9c17',
          type: 'text',
          text: '# Plan\n\nSome **markdown**',
          x: -120,
          y: 40,
          width: 250,
          height: 60,
        },
        {
          id: '2c1e',
          type: 'file',
          file: 'notes/Spec.md',
          x: 300,
          y: 0,
          width: 400,
          height: 400,
          color: '4',
        },
        {
          id: 'a1',
          type: 'link',
          url: 'https://example.com',
          x: 0,
          y: 500,
          width: 400,
          height: 300,
        },
        { id: 'g1', type: 'group', label: 'Group', x: -200, y: -200, width: 1000, height: 1000 },
      ],
      edges: [
        {
          id: 'e1',
          fromNode: '6f0ad84f44ce9c17',
          fromSide: 'right',
          toNode: '2c1e',
          toSide: 'left',
          label: 'see',
        },
        { id: 'e2', fromNode: 'g1', toNode: 'a1' },
      ],
    };
    const g = ok(JSON.stringify(obsidian));
    expect(g.nodes.map((n) => [n.title, n.description, n.kind, n.status, n.position])).toEqual([
      ['Plan', 'Some **markdown**', 'task', 0, { x: -120, y: 40 }],
      ['notes/Spec.md', 'notes/Spec.md', 'task', 0, { x: 300, y: 0 }],
      ['https://example.com', 'https://example.com', 'task', 0, { x: 0, y: 500 }],
    ]);
    expect(g.nodes[0]?.id).toBe(uuid(1, '11111111'));
    expect(g.links).toHaveLength(1);
    expect(g.links[0]).toMatchObject({
      source: g.nodes[0]?.id,
      target: g.nodes[1]?.id,
      type: 1,
      private: false,
      owner: OWNER.id,
    });
    expect(g.links[0]?.link_type).toBeUndefined();
  });

  it('an empty canvas is an empty workspace, with or without a byte-order mark', () => {
    expect(ok('{}').nodes).toEqual([]);
    expect(ok('\uFEFF{"nodes": []}').nodes).toEqual([]);
  });
});

describe('JSON Canvas import refuses hostile files', () => {
  it('refuses edges to missing nodes', () => {
    const error = refuse(
      JSON.stringify({ nodes: [card('a')], edges: [{ id: 'e', fromNode: 'a', toNode: 'ghost' }] }),
    );
    expect(error.code).toBe('bad_request.import_dangling_reference');
    expect(error.message).toContain('"ghost"');
  });

  it('refuses duplicate ids across nodes and edges', () => {
    const error = refuse(
      JSON.stringify({
        nodes: [card('a'), card('b')],
        edges: [{ id: 'a', fromNode: 'a', toNode: 'b' }],
      }),
    );
    expect(error.code).toBe('bad_request.import_duplicate_id');
  });

  it('refuses wrong types, naming the field', () => {
    const error = refuse(JSON.stringify({ nodes: [{ ...card('a'), x: 'left' }] }));
    expect(error.code).toBe('bad_request.import_invalid');
    expect(error.message).toContain('nodes[0].x');
  });

  it('refuses __proto__ keys and deep nesting', () => {
    expect(refuse('{"nodes": [], "__proto__": {"x": 1}}').code).toBe('bad_request.import_unsafe');
    expect(
      refuse(`{"nodes": ${'['.repeat(MAX_JSON_DEPTH + 5)}${']'.repeat(MAX_JSON_DEPTH + 5)}}`).code,
    ).toBe('bad_request.import_too_deep');
  });

  it('refuses a node bomb and huge strings', () => {
    expect(refuse(`{"nodes":[${'0,'.repeat(MAX_IMPORT_NODES)}0]}`).code).toBe(
      'bad_request.import_too_large',
    );
    const huge = refuse(JSON.stringify({ nodes: [card('a', 'x'.repeat(200_000))] }));
    expect(huge.code).toBe('bad_request.import_invalid');
    expect(huge.message).toContain('nodes[0].text');
  });
});
