/**
 * Workspaces for the exchange tests and benchmark: a small one full of awkward text and every
 * kind of record, and a generated big one. Ids and times are deterministic.
 */
import type {
  AccessGrant,
  CustomLinkType,
  LinkRecord,
  Member,
  NodeRecord,
} from '../../model/types';
import type { ExchangeGraph, ImportContext } from '../types';

/** Deterministic UUID v4-shaped ids: uuid(1) = 00000000-0000-4000-8000-000000000001. */
export const uuid = (n: number, prefix = '00000000'): string =>
  `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const T0 = '2026-01-02T03:04:05.000Z';

export const OWNER: Member = {
  id: uuid(1, 'aaaaaaaa'),
  username: 'olivia',
  email: 'olivia@example.com',
};
export const MEMBER: Member = {
  id: uuid(2, 'aaaaaaaa'),
  username: 'max',
  email: 'max@example.com',
};

/** Titles that break naive exporters: quotes, escapes, markup, entities, formulas, keywords. */
export const AWKWARD_TITLES = [
  'Plain title',
  'Quote " and \\ backslash \\N \\n',
  '<script>alert(1)</script> & &lt; &amp;',
  '=SUM(A1:A9) formula',
  '-2+3 minus first',
  '@cmd at sign',
  "'=already quoted",
  'Emoji \u{1F680} ünïcødé 中文 #35; #quot; end',
  'semi; pipe | brackets [x] {y} (z) `tick`',
  'comma, and\nnewline',
];

export function node(i: number, over: Partial<NodeRecord> = {}): NodeRecord {
  return {
    id: uuid(100 + i),
    display_id: `TASK-${i}`,
    title: `Node ${i}`,
    description: '',
    kind: 'task',
    status: 0,
    dependent: true,
    owner: OWNER.id,
    position: { x: i * 10, y: 0 - i * 5 },
    tags: [],
    priority: 0,
    version: 1,
    created_time: T0,
    last_edited_time: T0,
    in_trash: false,
    ...over,
  };
}

export function link(
  i: number,
  source: string,
  target: string,
  over: Partial<LinkRecord> = {},
): LinkRecord {
  return {
    id: uuid(i, 'bbbbbbbb'),
    display_id: `LNK-${i}`,
    source,
    target,
    type: 0,
    private: false,
    owner: OWNER.id,
    was_blocker: false,
    version: 1,
    in_trash: false,
    created_by: OWNER.id,
    created_time: T0,
    modified_by: OWNER.id,
    modified_time: T0,
    ...over,
  };
}

export const CUSTOM_TYPE: CustomLinkType = {
  id: uuid(900),
  name: 'reviews',
  forward_name: 'reviews "carefully"',
  backward_name: 'is reviewed by',
  source_types: ['task', 'issue'],
  target_types: ['feature'],
  max_hops: 3,
  blocker: 'target',
  is_deprecated: false,
};

/** Every record kind and flag the model has, with awkward text in every label. */
export function sampleGraph(): ExchangeGraph {
  const kinds = ['issue', 'ticket', 'task', 'feature', 'product', 'custom_object'] as const;
  const nodes = AWKWARD_TITLES.map((title, i) =>
    node(i, {
      title,
      kind: kinds[i % kinds.length] ?? 'task',
      status: ([0, 1, 2, 3] as const)[i % 4] ?? 0,
      description: i % 3 === 0 ? `Description of ${i}\nsecond line "q" <b>&` : '',
      tags: i % 2 === 0 ? ['alpha', 'with, comma', '=tag'] : [],
      priority: i % 10,
      dependent: i !== 5,
      version: i + 1,
      position: { x: i * 300.5, y: 0 - (i % 3) * 150 },
      display_id: `${['ISS', 'TKT', 'TASK', 'FEAT', 'PROD', 'OBJ'][i % 6]}-${i + 1}`,
      // [PL1] planning fields on some nodes, awkward assignees included
      ...(i % 3 === 1 ? { due_date: `2026-12-${10 + i}`, estimate: i * 0.75 } : {}),
      ...(i % 4 === 2
        ? { start_date: '2027-01-04', assignee: ['ann@example.com', 'Bo, "B"'] }
        : {}),
    }),
  );
  const trashed = node(10, { title: 'In the trash', in_trash: true });
  nodes.push(trashed);
  const n = (i: number) => nodes[i]?.id ?? '';
  const links: LinkRecord[] = [
    link(1, n(0), n(2), { was_blocker: true }),
    link(2, n(1), n(2), { link_type: 'is_related_to', type: 1 }),
    link(3, n(3), n(4), {
      link_type: 'is_parent_of',
      private: true,
      owner: MEMBER.id,
      created_by: MEMBER.id,
    }),
    link(4, n(5), n(6), { link_type: 'custom_link', custom_link_type: CUSTOM_TYPE.id, version: 4 }),
    link(5, n(6), n(7), { link_type: 'is_dependent_on', in_trash: true }),
    link(6, n(7), trashed.id, { link_type: 'serves', type: 1 }),
    link(7, n(8), n(9), { link_type: 'is_duplicate_of', type: 1, private: true }),
    link(8, n(9), n(0), { link_type: 'imports' }),
  ];
  const grants: AccessGrant[] = [
    { node: n(0), member: MEMBER.id, level: 2, branch: true },
    { node: n(3), member: MEMBER.id, level: 3, branch: false },
  ];
  return {
    name: 'Sample "workspace" <1>',
    nodes,
    links,
    custom_link_types: [CUSTOM_TYPE],
    members: [OWNER, MEMBER],
    owner: OWNER.id,
    grants,
  };
}

/** A generated workspace of `count` nodes and about 1.5 links per node, for speed tests. */
export function bigGraph(count: number): ExchangeGraph {
  const nodes: NodeRecord[] = [];
  const links: LinkRecord[] = [];
  for (let i = 0; i < count; i++) {
    nodes.push(
      node(i, {
        title: `Task ${i}: ${AWKWARD_TITLES[i % AWKWARD_TITLES.length] ?? ''}`.slice(0, 80),
        description: i % 4 === 0 ? 'Some description, with "quotes" and <markup>.' : '',
        status: ([0, 1, 2, 3] as const)[i % 4] ?? 0,
        tags: i % 5 === 0 ? ['x', 'y'] : [],
        position: { x: (i % 100) * 280, y: Math.floor(i / 100) * 160 },
      }),
    );
  }
  let l = 0;
  for (let i = 1; i < count; i++) {
    links.push(
      link(l++, uuid(100 + Math.floor((i - 1) / 2)), uuid(100 + i), { link_type: 'is_parent_of' }),
    );
    if (i % 2 === 0) {
      links.push(
        link(l++, uuid(100 + i), uuid(100 + i - 1), { link_type: 'is_related_to', type: 1 }),
      );
    }
  }
  return {
    name: 'Big',
    nodes,
    links,
    custom_link_types: [],
    members: [OWNER],
    owner: OWNER.id,
    grants: [],
  };
}

/** An import context whose ids are 11111111-…-n and whose clock is T0. */
export function importContext(owner: Member = OWNER): ImportContext {
  let next = 0;
  return { newId: () => uuid(++next, '11111111'), now: () => T0, owner };
}
