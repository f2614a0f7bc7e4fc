/**
 * Random batches for the change-path oracles (renderer/state/change-path.test.ts,
 * renderer/find/find-view.test.ts): small records, a seeded generator, and one batch of 1–4
 * edits of every kind a batch can carry.
 */
import type { Batch } from '../../../shared/engine/batch';
import type { LinkRecord, NodeRecord } from '../../../shared/model/types';
import type { Records } from '../apply-batch';
import { RecordMap } from '../record-map';

export type Status = 0 | 1 | 2 | 3;
export const node = (i: number, status: Status = 0, title = `n${i}`): NodeRecord => ({
  id: `n${i}`,
  display_id: `TASK-${i}`,
  title,
  description: '',
  kind: 'task',
  status,
  dependent: true,
  owner: 'o',
  position: { x: i * 10, y: 0 },
  tags: [],
  priority: 0,
  version: 1,
  created_time: 't',
  last_edited_time: 't',
  in_trash: false,
});
export const link = (
  i: number,
  source: string,
  target: string,
  type: 0 | 1,
  kind?: 'imports' | 'is_parent_of',
): LinkRecord => ({
  id: `l${i}`,
  display_id: `LNK-${i}`,
  source,
  target,
  type,
  ...(kind ? { link_type: kind } : {}),
  private: false,
  owner: 'o',
  was_blocker: true,
  version: 1,
  in_trash: false,
  created_by: 'o',
  created_time: 't',
  modified_by: 'o',
  modified_time: 't',
});

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random plan of 40 nodes and up to 60 links (self-links dropped), as records. */
export function randomRecords(rnd: () => number): Records {
  const nodes = Array.from({ length: 40 }, (_, i) => node(i, Math.floor(rnd() * 4) as Status));
  const links = Array.from({ length: 60 }, (_, i) =>
    link(i, `n${Math.floor(rnd() * 40)}`, `n${Math.floor(rnd() * 39) + 1}`, rnd() < 0.7 ? 0 : 1),
  ).filter((l) => l.source !== l.target);
  return {
    nodes: RecordMap.from(nodes.map((n) => [n.id, n] as const)),
    links: RecordMap.from(links.map((l) => [l.id, l] as const)),
  };
}

type Entry = Batch['nodes'][number];
type LinkEntry = Batch['links'][number];

/** One random batch of 1–4 edits of every kind a batch can carry. */
export function randomBatch(
  records: Records,
  rnd: () => number,
  next: { node: number; link: number },
) {
  const nodes = [...records.nodes.values()];
  const links = [...records.links.values()];
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(rnd() * list.length)];
  const out: { nodes: Entry[]; links: LinkEntry[] } = { nodes: [], links: [] };
  const edits = 1 + Math.floor(rnd() * 4);
  for (let e = 0; e < edits; e++) {
    const r = rnd();
    const n = pick(nodes);
    const l = pick(links);
    if (rnd() < 0.12 && nodes.length > 1) {
      // A node created with links in the same batch (node.create with `target`, a paste).
      const made = node(next.node++, Math.floor(rnd() * 4) as Status);
      out.nodes.push({ op: 0, before: {}, after: made } as unknown as Entry);
      for (let k = 1 + Math.floor(rnd() * 2); k > 0; k--) {
        const other = pick(nodes)!;
        const [a, b] = rnd() < 0.5 ? [made.id, other.id] : [other.id, made.id];
        const kind = rnd() < 0.2 ? 'is_parent_of' : undefined;
        const created = link(next.link++, a, b, rnd() < 0.7 ? 0 : 1, kind);
        out.links.push({ op: 10, before: {}, after: created } as unknown as LinkEntry);
      }
    } else if (r < 0.3 && n) {
      // A cascade status image.
      const status = Math.floor(rnd() * 4) as Status;
      out.nodes.push({
        op: 2,
        before: { id: n.id, status: n.status, version: 1, last_edited_time: 't' },
        after: { id: n.id, status, version: 2, last_edited_time: 't2' },
      } as unknown as Entry);
    } else if (r < 0.34 && n) {
      const position = { x: Math.floor(rnd() * 800), y: Math.floor(rnd() * 400) };
      out.nodes.push({ op: 5, before: n, after: { ...n, position } } as unknown as Entry);
    } else if (r < 0.4 && n) {
      out.nodes.push({
        op: 1,
        before: n,
        after: { ...n, title: `${n.title}!` },
      } as unknown as Entry);
    } else if (r < 0.5 && n) {
      out.nodes.push({
        op: 3,
        before: n,
        after: { ...n, in_trash: !n.in_trash },
      } as unknown as Entry);
    } else if (r < 0.58) {
      const made = node(next.node++, Math.floor(rnd() * 4) as Status);
      out.nodes.push({ op: 0, before: {}, after: made } as unknown as Entry);
    } else if (r < 0.62 && n) {
      out.nodes.push({ op: 4, before: n, after: {} } as unknown as Entry);
      for (const x of links)
        if (x.source === n.id || x.target === n.id)
          out.links.push({ op: 14, before: x, after: {} } as unknown as LinkEntry);
    } else if (r < 0.8 && nodes.length > 1) {
      const a = pick(nodes)!;
      const b = pick(nodes)!;
      if (a.id === b.id) continue;
      const made = link(
        next.link++,
        a.id,
        b.id,
        rnd() < 0.7 ? 0 : 1,
        rnd() < 0.2 ? 'imports' : rnd() < 0.3 ? 'is_parent_of' : undefined,
      );
      out.links.push({ op: 10, before: {}, after: made } as unknown as LinkEntry);
    } else if (r < 0.86 && l) {
      out.links.push({
        op: 12,
        before: l,
        after: { ...l, in_trash: !l.in_trash },
      } as unknown as LinkEntry);
    } else if (r < 0.9 && l) {
      out.links.push({ op: 14, before: l, after: {} } as unknown as LinkEntry);
    } else if (l && nodes.length > 1) {
      const b = pick(nodes)!;
      if (b.id === l.source) continue;
      out.links.push({
        op: 11,
        before: l,
        after: { ...l, target: b.id, type: l.type === 0 ? 1 : 0 },
      } as unknown as LinkEntry);
    }
  }
  return out as Pick<Batch, 'nodes' | 'links'>;
}
