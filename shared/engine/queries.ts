/**
 * Read-only questions about a workspace: a member's view [A1]–[A4], the links of a node
 * (DevRev links.list), why a node is blocked, the trash.
 */
import type { AccessLevel, LinkRecord, LinkType, NodeRecord } from '../model/types';
import { err, ok, type Result } from '../model/result';
import { accessMap } from './access';
import { linkError, type LinkError } from './errors';
import { blockedOf, blockerOf, isActive, type LinkEntry, type WorkspaceState } from './state';
import { blockingLinks } from './status';
import { privacyAllows, seesLink } from './visibility';

export function getNode(state: WorkspaceState, id: string): NodeRecord | undefined {
  return state.nodes.get(id)?.rec;
}
export function getLink(state: WorkspaceState, id: string): LinkRecord | undefined {
  return state.links.get(id)?.rec;
}

export interface GraphView {
  nodes: NodeRecord[];
  links: LinkRecord[];
  /** The member's access level to each node in `nodes`. */
  access: Record<string, AccessLevel>;
}

/**
 * [A4] What a member sees: the active nodes they have access to, and the active links
 * between them except other members' private links. Statuses are global, as computed.
 */
export function viewFor(state: WorkspaceState, memberId: string): GraphView {
  if (memberId === state.ownerId) return ownerView(state);
  const levels = accessMap(state, memberId);
  const nodes: NodeRecord[] = [];
  const access: Record<string, AccessLevel> = {};
  for (const [id, level] of levels) {
    const n = state.nodes.get(id);
    if (!n || n.rec.in_trash) continue;
    nodes.push(n.rec);
    access[id] = level;
  }
  const sees = (id: string) => levels.has(id);
  const links: LinkRecord[] = [];
  for (const l of state.links.values()) {
    if (isActive(l) && seesLink(l.rec, memberId, sees)) links.push(l.rec);
  }
  return { nodes, links, access };
}

/**
 * What a member sees, without the access levels: what the editor draws (`graph.get`). The
 * same nodes and links as viewFor.
 */
export function visibleGraph(
  state: WorkspaceState,
  memberId: string,
): Pick<GraphView, 'nodes' | 'links'> {
  return memberId === state.ownerId ? ownerGraph(state) : viewFor(state, memberId);
}

/**
 * The workspace owner's graph: owner of every node, so every node out of trash and every
 * active link but other members' private ones. The general path's answer without its
 * per-node access map and per-link lookups (the first answer after opening a large workspace
 * is this graph).
 */
function ownerGraph(state: WorkspaceState): Pick<GraphView, 'nodes' | 'links'> {
  const nodes: NodeRecord[] = [];
  for (const n of state.nodes.values()) if (!n.trash) nodes.push(n.rec);
  const links: LinkRecord[] = [];
  for (const l of state.links.values()) {
    if (isActive(l) && privacyAllows(l.rec, state.ownerId)) links.push(l.rec);
  }
  return { nodes, links };
}

function ownerView(state: WorkspaceState): GraphView {
  const graph = ownerGraph(state);
  const access: Record<string, AccessLevel> = {};
  for (const n of graph.nodes) access[n.id] = 0;
  return { ...graph, access };
}

/** The DevRev link type a link shows as: a plain SynapTask dependency link reads as `is_dependent_on`. */
export function devRevLinkType(rec: LinkRecord): LinkType {
  return rec.link_type ?? 'is_dependent_on';
}

/** [X5] DevRev links.list's default page size. */
export const DEFAULT_LINKS_PAGE = 50;

export interface ListLinksQuery {
  object: string;
  /** `is_source`: links out of `object`; `is_target`: links into it; absent: both (DevRev). */
  direction?: 'is_source' | 'is_target';
  /** Any of these DevRev link types (see devRevLinkType); absent or empty: every type. */
  link_types?: readonly LinkType[];
  /** Custom links only of these custom types; other links are not affected by it. */
  custom_link_types?: readonly string[];
  /** The kind of the OTHER endpoint (the linked object, not `object` itself) is one of these. */
  object_types?: readonly string[];
  /** Page size; DevRev's default is 50. */
  limit?: number;
  /** A `next_cursor` or `prev_cursor` of an earlier page. */
  cursor?: string;
  /** `after` (default): the entries after the cursor, or from the start; `before`: those before it, or from the end. */
  mode?: 'after' | 'before';
  /** Only what this member may see [A4]. */
  member?: string;
}

export interface LinkPage {
  links: LinkRecord[];
  /** Present when entries follow the page: pass it with mode `after` for them. */
  next_cursor?: string;
  /** Present when entries precede the page: pass it with mode `before` for them. */
  prev_cursor?: string;
}

/**
 * DevRev links.list: the active links of `object` (as source, target or either) that pass
 * every filter, sorted by link id. A cursor is a link id and an exclusive bound: mode `after`
 * gives the first `limit` entries above it, mode `before` the last `limit` entries below it,
 * both in ascending order.
 */
export function listLinks(state: WorkspaceState, q: ListLinksQuery): Result<LinkPage, LinkError> {
  const n = state.nodes.get(q.object);
  if (!n) return err(linkError('not_found.node_not_found', `The node ${q.object} does not exist.`));
  const limit = Math.max(1, Math.min(1000, Math.floor(q.limit ?? DEFAULT_LINKS_PAGE)));
  const levels = q.member !== undefined ? accessMap(state, q.member) : undefined;
  if (levels && !levels.has(q.object)) {
    return err(linkError('not_found.node_not_found', `The node ${q.object} does not exist.`));
  }
  const types = q.link_types?.length ? new Set<LinkType>(q.link_types) : undefined;
  const customs = q.custom_link_types?.length ? new Set(q.custom_link_types) : undefined;
  const kinds = q.object_types?.length ? new Set(q.object_types) : undefined;
  const pool = q.direction === 'is_source' ? n.out : q.direction === 'is_target' ? n.in : n.links;
  const matching = pool.filter((l: LinkEntry) => {
    if (!isActive(l)) return false;
    if (types && !types.has(devRevLinkType(l.rec))) return false;
    if (customs && l.rec.link_type === 'custom_link' && !customs.has(l.rec.custom_link_type ?? ''))
      return false;
    if (kinds && !kinds.has((l.src === n ? l.tgt : l.src).rec.kind)) return false;
    return !levels || seesLink(l.rec, q.member as string, (id) => levels.has(id));
  });
  const sorted = matching
    .map((l) => l.rec)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // [from, to) is the page within the sorted entries.
  let from: number;
  let to: number;
  if (q.mode === 'before') {
    to = q.cursor === undefined ? sorted.length : lowerBound(sorted, q.cursor);
    from = Math.max(0, to - limit);
  } else {
    from = q.cursor === undefined ? 0 : upperBound(sorted, q.cursor);
    to = Math.min(sorted.length, from + limit);
  }
  const page = sorted.slice(from, to);
  const first = page[0];
  const last = page[page.length - 1];
  return ok({
    links: page,
    ...(last && to < sorted.length ? { next_cursor: last.id } : {}),
    ...(first && from > 0 ? { prev_cursor: first.id } : {}),
  });
}

/** Index of the first link whose id is not below `id`. */
function lowerBound(sorted: readonly LinkRecord[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as LinkRecord).id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first link whose id is above `id`. */
function upperBound(sorted: readonly LinkRecord[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as LinkRecord).id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ChainStep {
  /** Hops from the node asked about (1 = a direct blocker). */
  depth: number;
  link: string;
  blocker: string;
  blocked: string;
  blocker_status: NodeRecord['status'];
}

export interface BlockerChain {
  node: string;
  status: NodeRecord['status'];
  /** Breadth-first: what blocks the node, what blocks those, and so on; each link once. */
  chain: ChainStep[];
}

/**
 * "Why is this blocked?": the links currently blocking the node, then, level by level, the
 * links blocking those blockers. Only a Blocked blocker has blockers of its own to show, but
 * a blocker that is merely not done (e.g. `dependent: false`) ends its branch.
 */
export function blockerChain(
  state: WorkspaceState,
  nodeId: string,
): Result<BlockerChain, LinkError> {
  const start = state.nodes.get(nodeId);
  if (!start)
    return err(linkError('not_found.node_not_found', `The node ${nodeId} does not exist.`));
  const chain: ChainStep[] = [];
  const seen = new Set([start]);
  let frontier = [start];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next = [];
    for (const n of frontier) {
      for (const l of blockingLinks(n)) {
        const b = blockerOf(l);
        chain.push({
          depth,
          link: l.rec.id,
          blocker: b.rec.id,
          blocked: blockedOf(l).rec.id,
          blocker_status: b.rec.status,
        });
        if (!seen.has(b)) {
          seen.add(b);
          next.push(b);
        }
      }
    }
    frontier = next;
  }
  return ok({ node: nodeId, status: start.rec.status, chain });
}

export interface TrashList {
  nodes: NodeRecord[];
  links: LinkRecord[];
}

export function listTrash(state: WorkspaceState): TrashList {
  const nodes: NodeRecord[] = [];
  for (const id of state.trashNodes) {
    const n = state.nodes.get(id);
    if (n) nodes.push(n.rec);
  }
  const links: LinkRecord[] = [];
  for (const id of state.trashLinks) {
    const l = state.links.get(id);
    if (l) links.push(l.rec);
  }
  return { nodes, links };
}
