/**
 * An imported file is checked with the engine's own link rules: for every rule, a graph built
 * with the engine's commands whose last link the engine refuses is refused on import — as a
 * native JSON file holding that link — with the same rule code and the engine's message.
 */
import { describe, expect, it } from 'vitest';
import { toSnapshot, type ParamsOf } from '../../shared/engine';
import { uuid, World } from '../../shared/engine/test-support/world';
import { exportNativeJson } from '../../shared/exchange';
import type { CustomLinkType, LinkRecord } from '../../shared/model/types';
import { prepareImport } from './prepare-import';

const profile = {
  id: '00000000-0000-4000-8000-0000000000aa',
  username: 'me',
  email: 'me@example.com',
};

type LinkParams = ParamsOf<'link.create'>;

/** The workspace as a native JSON file, with `extra` links added as active records. */
function fileOf(w: World, extra: LinkParams[]): string {
  const s = toSnapshot(w.state);
  const added: LinkRecord[] = extra.map((p, i) => ({
    id: uuid(0xfff00 + i),
    display_id: `LNK-${900 + i}`,
    source: p.source,
    target: p.target,
    ...(p.link_type ? { link_type: p.link_type } : {}),
    ...(p.custom_link_type ? { custom_link_type: p.custom_link_type } : {}),
    type: p.type ?? 1,
    private: false,
    owner: w.owner.id,
    was_blocker: false,
    version: 1,
    in_trash: false,
    created_by: w.owner.id,
    created_time: '2026-01-01T00:00:00.000Z',
    modified_by: w.owner.id,
    modified_time: '2026-01-01T00:00:00.000Z',
  }));
  return exportNativeJson({
    name: 'Rules',
    owner: s.owner,
    members: s.members,
    nodes: s.nodes,
    links: [...s.links, ...added],
    custom_link_types: s.link_types,
    grants: s.grants,
  });
}

function customType(w: World, extra: Record<string, unknown> = {}): string {
  const b = w.run('link_type.create', {
    name: `feeds ${w.state.linkTypes.size}`,
    forward_name: 'feeds',
    backward_name: 'is fed by',
    ...extra,
  });
  return (b.link_types[0]?.after as CustomLinkType).id;
}

/** A rule: the graph the engine builds, and the link it then refuses. */
interface Case {
  rule: string;
  code: string;
  name: string;
  build: (w: World) => LinkParams;
}

const nodes = (w: World, n: number, kind?: 'feature' | 'capability' | 'issue') =>
  Array.from({ length: n }, () => w.node(kind ? { kind } : {}));

const CASES: Case[] = [
  {
    rule: 'C1',
    code: 'bad_request.artifact_already_attached_to_a_parent',
    name: 'a child with two parents (is_parent_of, one incoming)',
    build: (w) => {
      const [p1, p2, child] = nodes(w, 3) as [string, string, string];
      w.link(p1, child, { link_type: 'is_parent_of' });
      return { source: p2, target: child, link_type: 'is_parent_of' };
    },
  },
  {
    rule: 'C1',
    code: 'bad_request.artifact_already_attached_to_a_parent',
    name: 'a part of two parents (is_part_of, one outgoing)',
    build: (w) => {
      const [part, c1, c2] = nodes(w, 3, 'feature') as [string, string, string];
      w.link(part, c1, { link_type: 'is_part_of' });
      return { source: part, target: c2, link_type: 'is_part_of' };
    },
  },
  {
    rule: 'C1',
    code: 'bad_request.too_many_outgoing',
    name: 'a node merged into two (is_merged_into, one outgoing)',
    build: (w) => {
      const [a, b, c] = nodes(w, 3) as [string, string, string];
      w.link(a, b, { link_type: 'is_merged_into' });
      return { source: a, target: c, link_type: 'is_merged_into' };
    },
  },
  {
    rule: 'C1',
    code: 'bad_request.too_many_incoming',
    name: 'two follow-ups of one node (is_follow_up_of, one incoming)',
    build: (w) => {
      const [a, b, c] = nodes(w, 3) as [string, string, string];
      w.link(a, c, { link_type: 'is_follow_up_of' });
      return { source: b, target: c, link_type: 'is_follow_up_of' };
    },
  },
  {
    rule: 'C1',
    code: 'bad_request.too_many_outgoing',
    name: 'a follow-up of two nodes (is_follow_up_of, one outgoing)',
    build: (w) => {
      const [a, b, c] = nodes(w, 3) as [string, string, string];
      w.link(a, b, { link_type: 'is_follow_up_of' });
      return { source: a, target: c, link_type: 'is_follow_up_of' };
    },
  },
  {
    rule: 'C1',
    code: 'conflict.cycle',
    name: 'a cycle of secondary is_parent_of links',
    build: (w) => {
      const [a, b, c] = nodes(w, 3) as [string, string, string];
      w.link(a, b, { link_type: 'is_parent_of', type: 1 });
      w.link(b, c, { link_type: 'is_parent_of', type: 1 });
      return { source: c, target: a, link_type: 'is_parent_of', type: 1 };
    },
  },
  {
    rule: 'C1',
    code: 'conflict.cycle',
    name: 'a cycle of secondary is_part_of links',
    build: (w) => {
      const [a, b, c] = nodes(w, 3, 'feature') as [string, string, string];
      w.link(a, b, { link_type: 'is_part_of', type: 1 });
      w.link(b, c, { link_type: 'is_part_of', type: 1 });
      return { source: c, target: a, link_type: 'is_part_of', type: 1 };
    },
  },
  {
    rule: 'C1',
    code: 'conflict.cycle',
    name: 'a cycle of is_merged_into links',
    build: (w) => {
      const [a, b, c] = nodes(w, 3) as [string, string, string];
      w.link(a, b, { link_type: 'is_merged_into' });
      w.link(b, c, { link_type: 'is_merged_into' });
      return { source: c, target: a, link_type: 'is_merged_into' };
    },
  },
  {
    rule: 'C2',
    code: 'conflict.cycle',
    name: 'a cycle of primary links',
    build: (w) => {
      const [a, b, c] = nodes(w, 3) as [string, string, string];
      w.link(a, b, { type: 0 });
      w.link(b, c, { link_type: 'is_related_to', type: 0 });
      return { source: c, target: a, type: 0 };
    },
  },
  {
    rule: 'C3',
    code: 'bad_request.self_link_not_allowed',
    name: 'a self-link',
    build: (w) => {
      const [a] = nodes(w, 1) as [string];
      return { source: a, target: a, link_type: 'is_related_to' };
    },
  },
  {
    rule: 'C3',
    code: 'conflict.duplicate_link',
    name: 'the same link twice',
    build: (w) => {
      const [a, b] = nodes(w, 2) as [string, string];
      w.link(a, b, { type: 1 });
      return { source: a, target: b };
    },
  },
  {
    rule: 'L8',
    code: 'conflict.duplicate_reversed_link',
    name: 'the same link both ways',
    build: (w) => {
      const [a, b] = nodes(w, 2) as [string, string];
      w.link(a, b, { link_type: 'is_related_to' });
      return { source: b, target: a, link_type: 'is_related_to' };
    },
  },
  {
    rule: 'L8',
    code: 'bad_request.source_in_trash',
    name: 'an active link from a node in trash',
    build: (w) => {
      const [a, b] = nodes(w, 2) as [string, string];
      w.run('node.trash', { id: a });
      return { source: a, target: b };
    },
  },
  {
    rule: 'L8',
    code: 'bad_request.target_in_trash',
    name: 'an active link to a node in trash',
    build: (w) => {
      const [a, b] = nodes(w, 2) as [string, string];
      w.run('node.trash', { id: b });
      return { source: a, target: b };
    },
  },
  {
    rule: 'C4',
    code: 'bad_request.source_kind_not_allowed',
    name: 'a custom link from a kind its type does not allow (source_types)',
    build: (w) => {
      const t = customType(w, { source_types: ['issue'] });
      const [a, b] = nodes(w, 2) as [string, string];
      return { source: a, target: b, link_type: 'custom_link', custom_link_type: t };
    },
  },
  {
    rule: 'C4',
    code: 'bad_request.target_kind_not_allowed',
    name: 'a custom link to a kind its type does not allow (target_types)',
    build: (w) => {
      const t = customType(w, { target_types: ['feature'] });
      const [a, b] = nodes(w, 2) as [string, string];
      return { source: a, target: b, link_type: 'custom_link', custom_link_type: t };
    },
  },
  {
    rule: 'C4',
    code: 'bad_request.max_hops_exceeded',
    name: 'a chain of custom links longer than max_hops',
    build: (w) => {
      const t = customType(w, { max_hops: 3 });
      const n = nodes(w, 5);
      const p = { link_type: 'custom_link' as const, custom_link_type: t };
      w.link(n[0] as string, n[1] as string, p);
      w.link(n[1] as string, n[2] as string, p);
      w.link(n[3] as string, n[4] as string, p);
      return { source: n[2] as string, target: n[3] as string, ...p };
    },
  },
  {
    rule: 'C4',
    code: 'bad_request.custom_link_type_required',
    name: 'a custom link without its custom type',
    build: (w) => {
      const [a, b] = nodes(w, 2) as [string, string];
      return { source: a, target: b, link_type: 'custom_link' };
    },
  },
];

describe('imports refuse what the engine refuses, with the same rule', () => {
  for (const c of CASES) {
    it(`[${c.rule}] import refuses ${c.name} (${c.code})`, () => {
      const w = new World();
      const refused = c.build(w);
      const engine = w.fail('link.create', refused);
      expect(engine.code).toBe(c.code);

      const res = prepareImport({ format: 'json', content: fileOf(w, [refused]), profile });
      if (res.ok) throw new Error('the import was accepted');
      expect(res.error).toMatchObject({ code: 'bad_request.import_breaks_rules', rule: c.code });
      expect(res.error.message).toContain(engine.message);
      // The message names a link of the file, whose id comes first in object_ids.
      const named = /link (LNK-\d+) \(/.exec(res.error.message)?.[1];
      expect(named, res.error.message).toMatch(/^LNK-\d+$/);
      const file = JSON.parse(fileOf(w, [refused])) as { links: LinkRecord[] };
      const link = file.links.find((l) => l.display_id === named);
      expect(link?.display_id, res.error.message).toBe(named);
      expect(res.error.object_ids?.[0]).toBe(link?.id);
    });
  }

  it('[C1] the one-parent refusal carries existing_parent and is_same, as the engine answers', () => {
    const w = new World();
    const [p1, p2, child] = nodes(w, 3) as [string, string, string];
    w.link(p1, child, { link_type: 'is_parent_of' });
    const res = prepareImport({
      format: 'json',
      content: fileOf(w, [{ source: p2, target: child, link_type: 'is_parent_of' }]),
      profile,
    });
    if (res.ok) throw new Error('the import was accepted');
    // The file's first parent link is asked first: its child already has the other parent.
    expect(res.error).toMatchObject({ existing_parent: p2, is_same: false });
    expect(res.error.object_ids).toEqual([
      [...w.state.links.keys()][0],
      uuid(0xfff00), // the other parent link
    ]);
  });

  it('[C4] an import keeps links of a deprecated custom type (existing links keep working)', () => {
    const w = new World();
    const t = customType(w);
    const [a, b, c] = nodes(w, 3) as [string, string, string];
    const p = { link_type: 'custom_link' as const, custom_link_type: t };
    w.link(a, b, p);
    w.run('link_type.update', { id: t, is_deprecated: true });
    // The engine refuses a new link of the type, but a file is a graph whose links exist.
    expect(w.fail('link.create', { source: b, target: c, ...p }).code).toBe(
      'bad_request.link_type_deprecated',
    );
    const res = prepareImport({
      format: 'json',
      content: fileOf(w, [{ source: b, target: c, ...p }]),
      profile,
    });
    if (!res.ok) throw new Error(res.error.message);
    const links = [...res.value.state.links.values()].map((l) => l.rec);
    expect(links.filter((l) => l.custom_link_type === t)).toHaveLength(2);
  });

  it('[C3] a self-link in a GraphML file is refused by the engine rule, naming the edge', () => {
    const graphml =
      '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">' +
      '<graph edgedefault="directed"><node id="a"/><node id="b"/>' +
      '<edge id="e1" source="a" target="b"/><edge id="e2" source="b" target="b"/></graph></graphml>';
    const res = prepareImport({ format: 'graphml', content: graphml, profile });
    if (res.ok) throw new Error('the import was accepted');
    expect(res.error).toMatchObject({
      code: 'bad_request.import_breaks_rules',
      rule: 'bad_request.self_link_not_allowed',
    });
    expect(res.error.message).toContain('A node cannot link to itself.');
  });
});
