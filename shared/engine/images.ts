/**
 * Writing a batch's images back: undo writes the `before` side, redo and journal replay the
 * `after` side, rollback the `before` side without history. Nodes that exist in the images
 * are written first, then link types and links, then the nodes the images remove, so a link
 * never points at a missing node.
 */
import type { LinkRecord, NodeRecord, WorkCalendar } from '../model/types';
import {
  isEmptyImage,
  isFullNodeImage,
  type Batch,
  type Empty,
  type NodeImage,
  type NodeStatusImage,
} from './batch';
import { Op, type OpCode } from './constants';
import type { WorkspaceState } from './state';
import { baseOfImage } from './records';
import type { Tx } from './tx';

export type Side = 'before' | 'after';

const INVERSE: Partial<Record<OpCode, OpCode>> = {
  [Op.NODE_ADD]: Op.NODE_PURGE,
  [Op.NODE_PURGE]: Op.NODE_ADD,
  [Op.NODE_TRASH]: Op.NODE_RESTORE,
  [Op.NODE_RESTORE]: Op.NODE_TRASH,
  [Op.LINK_ADD]: Op.LINK_PURGE,
  [Op.LINK_PURGE]: Op.LINK_ADD,
  [Op.LINK_TRASH]: Op.LINK_RESTORE,
  [Op.LINK_RESTORE]: Op.LINK_TRASH,
  [Op.ACCESS_GRANT]: Op.ACCESS_REVOKE,
  [Op.ACCESS_REVOKE]: Op.ACCESS_GRANT,
};

/** The op an entry gets when its `before` side is written back (an undo). */
export function opFor(op: OpCode, side: Side, target: object): OpCode {
  if (side === 'after') return op;
  if (op === Op.ACCESS_GRANT && !isEmptyImage(target)) return Op.ACCESS_GRANT;
  return INVERSE[op] ?? op;
}

function idOf(e: { before: object; after: object }): string {
  const img = (isEmptyImage(e.after) ? e.before : e.after) as { id?: string };
  return img.id ?? '';
}

function nodeRecordOf(img: NodeImage): NodeRecord {
  const { resume_status: _resume, ...rec } = img;
  return rec;
}

export function writeImages(tx: Tx, batch: Batch, side: Side): void {
  const st = tx.state;
  const nodeImg = (e: { before: NodeImage | NodeStatusImage | Empty; after: typeof e.before }) =>
    e[side];
  for (const e of batch.nodes) {
    const img = nodeImg(e);
    if (isEmptyImage(img)) continue;
    const op = opFor(e.op, side, img);
    if (isFullNodeImage(img)) {
      tx.putNode(img.id, nodeRecordOf(img), baseOfImage(img), op);
    } else {
      const cur = st.nodes.get(img.id);
      if (!cur) continue;
      const rec = {
        ...cur.rec,
        status: img.status,
        version: img.version,
        last_edited_time: img.last_edited_time,
      };
      const first = !tx.nodes.has(img.id);
      tx.putNode(img.id, rec, cur.base, op);
      if (first) tx.statusOnly.add(img.id);
    }
  }
  for (const e of batch.link_types) {
    const img = e[side];
    tx.putLinkType(idOf(e), isEmptyImage(img) ? undefined : img, opFor(e.op, side, img));
  }
  // Links that end up gone or trashed first, so a link never becomes active next to one that
  // is about to go (a replace by the reversed link would otherwise look like a cycle).
  const inactive = (img: LinkRecord | Empty) => isEmptyImage(img) || img.in_trash;
  const ordered = [
    ...batch.links.filter((e) => inactive(e[side])),
    ...batch.links.filter((e) => !inactive(e[side])),
  ];
  for (const e of ordered) {
    const img = e[side];
    const rec = isEmptyImage(img) ? undefined : (img as LinkRecord);
    tx.putLink(idOf(e), rec, opFor(e.op, side, img));
  }
  for (const e of batch.nodes) {
    const img = nodeImg(e);
    if (isEmptyImage(img)) tx.putNode(idOf(e), undefined, 0, opFor(e.op, side, img));
  }
  for (const e of batch.access) {
    const img = e[side];
    const other = (isEmptyImage(img) ? (side === 'after' ? e.before : e.after) : img) as {
      node?: string;
      member?: string;
    };
    tx.putGrant(
      other.member ?? '',
      other.node ?? '',
      isEmptyImage(img) ? undefined : img,
      opFor(e.op, side, img),
    );
  }
  for (const e of batch.user) {
    const img = e[side];
    tx.putMember(idOf(e), isEmptyImage(img) ? undefined : img, opFor(e.op, side, img));
  }
  for (const e of batch.calendar ?? []) {
    const img = e[side];
    tx.putCalendar(isEmptyImage(img) ? undefined : (img as WorkCalendar));
  }
}

/** Stable deep equality for the unversioned records (grants, members, link types). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * [H2] The version guard: ids of the entities whose current state is not the given side of
 * the batch (changed since, or gone, or back). Empty means the batch may be inverted.
 */
export function guardImages(state: WorkspaceState, batch: Batch, side: Side): string[] {
  const stale: string[] = [];
  const versioned = (cur: { version: number } | undefined, img: object, id: string) => {
    if (
      isEmptyImage(img) ? cur !== undefined : cur?.version !== (img as { version: number }).version
    ) {
      stale.push(id);
    }
  };
  for (const e of batch.nodes) versioned(state.nodes.get(idOf(e))?.rec, e[side], idOf(e));
  for (const e of batch.links) versioned(state.links.get(idOf(e))?.rec, e[side], idOf(e));
  const plain = (cur: unknown, img: object, id: string) => {
    if (isEmptyImage(img) ? cur !== undefined : !sameValue(cur, img)) stale.push(id);
  };
  for (const e of batch.link_types) plain(state.linkTypes.get(idOf(e)), e[side], idOf(e));
  for (const e of batch.user) plain(state.members.get(idOf(e)), e[side], idOf(e));
  for (const e of batch.calendar ?? []) plain(state.calendar, e[side], 'calendar');
  for (const e of batch.access) {
    const g = (isEmptyImage(e.after) ? e.before : e.after) as { node?: string; member?: string };
    const cur = state.grants.get(g.member ?? '')?.get(g.node ?? '');
    plain(cur, e[side], g.node ?? '');
  }
  return stale;
}

/**
 * Nodes the images on `side` need but that no longer exist (purged since): a link or a grant
 * cannot be written back without its node.
 */
export function missingNodes(state: WorkspaceState, batch: Batch, side: Side): string[] {
  const written = new Set<string>();
  for (const e of batch.nodes) {
    const img = e[side];
    if (!isEmptyImage(img) && isFullNodeImage(img)) written.add(img.id);
  }
  const missing = new Set<string>();
  const need = (id: string) => {
    if (!written.has(id) && !state.nodes.has(id)) missing.add(id);
  };
  for (const e of batch.links) {
    const img = e[side];
    if (!isEmptyImage(img)) {
      need(img.source);
      need(img.target);
    }
  }
  for (const e of batch.access) {
    const img = e[side];
    if (!isEmptyImage(img)) need(img.node);
  }
  return [...missing];
}

/**
 * Links and grants that would be left pointing at a node the images on `side` remove
 * (created since, by a later batch): the node cannot be removed from under them.
 */
export function danglingRefs(state: WorkspaceState, batch: Batch, side: Side): string[] {
  const removedLinks = new Set<string>();
  for (const e of batch.links) if (isEmptyImage(e[side])) removedLinks.add(idOf(e));
  const removedGrants = new Set<string>();
  for (const e of batch.access) {
    if (!isEmptyImage(e[side])) continue;
    const g = e.before as { node?: string; member?: string };
    const h = e.after as { node?: string; member?: string };
    removedGrants.add(`${g.member ?? h.member ?? ''}|${g.node ?? h.node ?? ''}`);
  }
  const refs: string[] = [];
  for (const e of batch.nodes) {
    if (!isEmptyImage(e[side])) continue;
    const n = state.nodes.get(idOf(e));
    if (!n) continue;
    for (const l of [...n.links]) if (!removedLinks.has(l.rec.id)) refs.push(l.rec.id);
    for (const [member, mine] of state.grants) {
      if (mine.has(n.rec.id) && !removedGrants.has(`${member}|${n.rec.id}`)) refs.push(member);
    }
  }
  return refs;
}
