/**
 * Read-only questions about a workspace: a member's view [A1]–[A4], the links of a node
 * (DevRev links.list), why a node is blocked, the trash.
 */
import type { AccessLevel, LinkRecord, LinkType, NodeRecord } from '../model/types';
import { err, ok, type Result } from '../model/result';
import { accessMap } from './access';
import { typeKey } from './constants';
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

export interface ListLinksQuery {
  object: string;
  direction: 'is_source' | 'is_target';
  link_type?: LinkType;
  custom_link_type?: string;
  limit: number;
  /** The `next_cursor` of the previous page. */
  cursor?: string;
  /** Only what this member may see [A4]. */
  member?: string;
}

export interface LinkPage {
  links: LinkRecord[];
  next_cursor?: string;
}

/**
 * DevRev links.list: active links where `object` is the source (or target), optionally of
 * one type, ordered by link id; the cursor is the last id of the previous page.
 */
export function listLinks(state: WorkspaceState, q: ListLinksQuery): Result<LinkPage, LinkError> {
  const n = state.nodes.get(q.object);
  if (!n) return err(linkError('not_found.node_not_found', `The node ${q.object} does not exist.`));
  const limit = Math.max(1, Math.min(1000, Math.floor(q.limit)));
  const levels = q.member !== undefined ? accessMap(state, q.member) : undefined;
  if (levels && !levels.has(q.object)) {
    return err(linkError('not_found.node_not_found', `The node ${q.object} does not exist.`));
  }
  const key = q.link_type !== undefined ? typeKey(q.link_type, q.custom_link_type) : undefined;
  const pool = q.direction === 'is_source' ? n.out : n.in;
  const matching = pool.filter(
    (l: LinkEntry) =>
      isActive(l) &&
      (key === undefined ||
        l.key === key ||
        (q.link_type === 'custom_link' &&
          !q.custom_link_type &&
          l.rec.link_type === 'custom_link')) &&
      (q.cursor === undefined || l.rec.id > q.cursor) &&
      (!levels || seesLink(l.rec, q.member as string, (id) => levels.has(id))),
  );
  matching.sort((a, b) => (a.rec.id < b.rec.id ? -1 : 1));
  const page = matching.slice(0, limit).map((l) => l.rec);
  const last = page[page.length - 1];
  return ok(
    matching.length > limit && last ? { links: page, next_cursor: last.id } : { links: page },
  );
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
