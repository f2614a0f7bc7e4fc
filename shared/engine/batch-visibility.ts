/**
 * [A4] A batch as each member may see it — what is pushed to them as a diff, and what their
 * own change answers them. An entity's `before` image is shown only to a member who could see
 * it before the batch, its `after` image only to one who can see it after; an entity they saw
 * on neither side is left out entirely, and a batch left with nothing is not sent at all.
 * Statuses are global, but a status is shown only on a node the member sees.
 *
 * "Before" must be judged in the workspace as it was before the batch: a purged node, the
 * node an undone create removes, a link whose endpoint went — none of these exist any more,
 * and the grants and links through which a member saw them may have gone with them. So the
 * audience is captured right after `execute`, while the state is exactly the batch's `after`:
 * the batch's before-images are written into a Tx, the same access rule is asked, and the Tx
 * is reverted. Nothing is recorded; the state is left as it was.
 */
import type { LinkRecord } from '../model/types';
import { accessMap, accessOf } from './access';
import { isEmptyImage, type Batch, type Entry } from './batch';
import { writeImages } from './images';
import type { WorkspaceState } from './state';
import { Tx } from './tx';
import { seesLink, type SeesNode } from './visibility';

export interface BatchAudience {
  /** The batch as `member` may see it; null when nothing of it is theirs to see. */
  visibleTo(member: string): Batch | null;
}

/** Past this many nodes in a batch, one access map per member beats a walk per node. */
const MAP_THRESHOLD = 64;

const everything: SeesNode = () => true;

type Sides = { before: ReadonlySet<string>; after: ReadonlySet<string> };

const idOf = (image: object): string | undefined =>
  'id' in image ? (image.id as string) : undefined;

/** Every node a batch mentions: its node entries, its links' endpoints, its grants' nodes. */
function mentionedNodes(batch: Batch): Set<string> {
  const ids = new Set<string>();
  for (const e of batch.nodes) {
    const id = idOf(e.after) ?? idOf(e.before);
    if (id) ids.add(id);
  }
  for (const e of batch.links) {
    for (const img of [e.before, e.after]) {
      if (isEmptyImage(img)) continue;
      ids.add(img.source);
      ids.add(img.target);
    }
  }
  for (const e of batch.access) {
    for (const img of [e.before, e.after]) if (!isEmptyImage(img)) ids.add(img.node);
  }
  return ids;
}

/** The mentioned nodes each member other than the owner has access to, in `state` as it is. */
function seenNow(
  state: WorkspaceState,
  members: readonly string[],
  nodes: ReadonlySet<string>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const member of members) {
    const seen = new Set<string>();
    if (nodes.size > MAP_THRESHOLD) {
      const levels = accessMap(state, member);
      for (const id of nodes) if (levels.has(id)) seen.add(id);
    } else {
      for (const id of nodes) if (accessOf(state, member, id) !== null) seen.add(id);
    }
    out.set(member, seen);
  }
  return out;
}

/**
 * Whether access could differ before and after the batch. Access depends on which nodes
 * exist and who owns them, on grants, and on the links a branch grant steps through (their
 * existence, endpoints, type, and trash state, as well as their endpoints' trash state). A
 * batch of plain field edits (titles, positions, statuses) changes none of these.
 */
function accessMayChange(batch: Batch): boolean {
  if (batch.access.length > 0 || batch.user.length > 0) return true;
  for (const e of batch.nodes) {
    const [b, a] = [e.before, e.after] as { owner?: string; in_trash?: boolean }[];
    if (isEmptyImage(e.before) || isEmptyImage(e.after)) return true;
    if (b?.owner !== a?.owner || b?.in_trash !== a?.in_trash) return true;
  }
  for (const e of batch.links) {
    if (isEmptyImage(e.before) || isEmptyImage(e.after)) return true;
    const [b, a] = [e.before, e.after];
    for (const k of ['source', 'target', 'link_type', 'custom_link_type', 'in_trash'] as const)
      if (b[k] !== a[k]) return true;
  }
  return false;
}

/**
 * Who may see what of `batch`. Must be called right after `execute` returned it (or
 * `replayBatch` applied it), before anything else changes the state.
 */
export function batchAudience(state: WorkspaceState, batch: Batch): BatchAudience {
  const ownerId = state.ownerId;
  const members = [...state.members.keys()].filter((m) => m !== ownerId);
  const nodes = members.length > 0 ? mentionedNodes(batch) : new Set<string>();
  const after = seenNow(state, members, nodes);
  let before = after;
  if (members.length > 0 && accessMayChange(batch)) {
    const tx = new Tx(state, batch.ts, batch.actor.id);
    try {
      writeImages(tx, batch, 'before');
      before = seenNow(state, members, nodes);
    } catch {
      // Cannot happen for the batch just executed (a rollback writes the same images); if it
      // ever did, showing no before-image to anyone is the side that leaks nothing.
      before = new Map();
    } finally {
      tx.revert();
    }
  }
  const sides = new Map<string, Sides>(
    members.map((m) => [
      m,
      { before: before.get(m) ?? new Set(), after: after.get(m) ?? new Set() },
    ]),
  );
  return {
    visibleTo(member) {
      // The owner has access to every node, before and after; only privacy applies.
      if (member === ownerId) return filterBatch(batch, member, true, everything, everything);
      const seen = sides.get(member);
      if (!seen) return null;
      return filterBatch(
        batch,
        member,
        false,
        (id) => seen.before.has(id),
        (id) => seen.after.has(id),
      );
    },
  };
}

/** Keeps the side of an entry the member may see; null when they may see neither side. */
function keepSides<T extends object>(
  entry: Entry<T>,
  before: boolean,
  after: boolean,
): Entry<T> | null {
  if (before && after) return entry;
  if (after) return { ...entry, before: {} };
  if (before) return { ...entry, after: {} };
  return null;
}

function filterBatch(
  batch: Batch,
  member: string,
  isOwner: boolean,
  sawNode: SeesNode,
  seesNode: SeesNode,
): Batch | null {
  const nodes: Batch['nodes'] = [];
  for (const e of batch.nodes) {
    const b = idOf(e.before);
    const a = idOf(e.after);
    const kept = keepSides(e, b !== undefined && sawNode(b), a !== undefined && seesNode(a));
    if (kept) nodes.push(kept);
  }
  const links: Batch['links'] = [];
  const shows = (img: LinkRecord | object, sees: SeesNode) =>
    !isEmptyImage(img) && seesLink(img as LinkRecord, member, sees);
  for (const e of batch.links) {
    const kept = keepSides(e, shows(e.before, sawNode), shows(e.after, seesNode));
    if (kept) links.push(kept);
  }
  // The owner sees every grant; a member only their own and the ones they made themselves (no
  // member may list anyone else's).
  const access =
    isOwner || batch.actor.id === member
      ? batch.access
      : batch.access.filter((e) => {
          const grant = (isEmptyImage(e.after) ? e.before : e.after) as { member?: string };
          return grant.member === member;
        });
  const out = { ...batch, nodes, links, access };
  const empty =
    nodes.length +
      links.length +
      access.length +
      batch.user.length +
      batch.link_types.length +
      (batch.calendar?.length ?? 0) ===
    0;
  return empty ? null : out;
}
