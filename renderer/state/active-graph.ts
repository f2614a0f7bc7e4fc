/**
 * The canvas's input, kept up to date batch by batch (docs/canvas-performance.md, "The change
 * path"): the records not in trash, in map order, with each one's position in its list and the
 * links around each node. `buildActive` makes it from scratch (a workspace opened);
 * `updateActive` folds in the ids a batch touched, in O(what changed) when no node or link
 * comes or goes from the lists (a status, a title, a mark), and rebuilds a list otherwise.
 *
 * The lists are new arrays when something in them changed and the same arrays otherwise, so
 * whatever is derived from the links alone (the parts hierarchy) is not redone when only a
 * node changed. The position maps and `around` are shared with the previous value and edited
 * in place: only the newest value is current (the store keeps only that one).
 */
import type { LinkRecord, NodeRecord } from '../../shared/model/types';

export interface ActiveGraph {
  /** Records not in trash, in the map's order. */
  nodes: readonly NodeRecord[];
  /** Links not in trash whose ends are both active, in the map's order. */
  links: readonly LinkRecord[];
  /** Node id → index in `nodes`. */
  nodeAt: ReadonlyMap<string, number>;
  /** Link id → index in `links`. */
  linkAt: ReadonlyMap<string, number>;
  /** Node id → ids of every link (active or not) with an end there, in the map's order. */
  around: ReadonlyMap<string, readonly string[]>;
  /** Changes whenever a node moves, comes or goes (what bounds and fits depend on). */
  places: number;
}

type Records = {
  nodes: ReadonlyMap<string, NodeRecord>;
  links: ReadonlyMap<string, LinkRecord>;
};

const nodeActive = (n: NodeRecord | undefined): n is NodeRecord => n !== undefined && !n.in_trash;

const linkActive = (
  l: LinkRecord | undefined,
  nodes: ReadonlyMap<string, NodeRecord>,
): l is LinkRecord =>
  l !== undefined &&
  !l.in_trash &&
  nodes.get(l.source)?.in_trash === false &&
  nodes.get(l.target)?.in_trash === false;

function positions<T extends { id: string }>(list: readonly T[]): Map<string, number> {
  const at = new Map<string, number>();
  for (let i = 0; i < list.length; i++) at.set((list[i] as T).id, i);
  return at;
}

const valuesOf = <V>(map: ReadonlyMap<string, V>): V[] =>
  'valuesArray' in map
    ? (map as unknown as { valuesArray(): V[] }).valuesArray()
    : [...map.values()];

function activeNodeList({ nodes }: Records): NodeRecord[] {
  return valuesOf(nodes).filter((n) => !n.in_trash);
}

function activeLinkList({ nodes, links }: Records): LinkRecord[] {
  return valuesOf(links).filter((l) => linkActive(l, nodes));
}

function aroundOf(links: ReadonlyMap<string, LinkRecord>): Map<string, string[]> {
  const around = new Map<string, string[]>();
  const add = (node: string, link: string) => {
    const list = around.get(node);
    if (list) list.push(link);
    else around.set(node, [link]);
  };
  for (const l of valuesOf(links)) {
    add(l.source, l.id);
    if (l.target !== l.source) add(l.target, l.id);
  }
  return around;
}

let placesMade = 0;
/** Each list made here → its `places` (bounds of the same places are the same bounds). */
const placesByList = new WeakMap<readonly NodeRecord[], number>();
/** A node list made here by appending to the previous one, nothing else moved → that one. */
const grownFrom = new WeakMap<readonly NodeRecord[], readonly NodeRecord[]>();
/** The list `list` was made from by appending only (bounds extend), if it was. */
export const appendedTo = (list: readonly NodeRecord[]): readonly NodeRecord[] | undefined =>
  grownFrom.get(list);
/** The `places` of a node list made here (undefined for any other list). */
export const placesOf = (list: readonly NodeRecord[]): number | undefined => placesByList.get(list);

/**
 * From scratch (a workspace opened, a view switched). The lists now; the position maps and
 * `around` (three maps over every record, ~60 ms at 100,000 nodes) when first read — by the
 * first change, or when the page is idle after its first frame (`warmActive`): only the change
 * path reads them, and the first frame does not wait for them.
 */
export function buildActive(records: Records): ActiveGraph {
  const nodes = activeNodeList(records);
  const links = activeLinkList(records);
  const places = ++placesMade;
  placesByList.set(nodes, places);
  let nodeAt: Map<string, number> | undefined;
  let linkAt: Map<string, number> | undefined;
  let around: Map<string, string[]> | undefined;
  const allLinks = records.links;
  return {
    nodes,
    links,
    get nodeAt() {
      return (nodeAt ??= positions(nodes));
    },
    get linkAt() {
      return (linkAt ??= positions(links));
    },
    get around() {
      return (around ??= aroundOf(allLinks));
    },
    places,
  };
}

/** Builds what `buildActive` left for later (the page calls it when idle after a load). */
export function warmActive(active: ActiveGraph): void {
  void active.nodeAt;
  void active.linkAt;
  void active.around;
}

/**
 * Folds in a batch: `before` is the records the previous value was made from, `records` the
 * ones after the batch, `changedNodes`/`changedLinks` the ids the batch touched.
 */
export function updateActive(
  prev: ActiveGraph,
  before: Records,
  records: Records,
  changedNodes: ReadonlySet<string>,
  changedLinks: ReadonlySet<string>,
): ActiveGraph {
  const around = prev.around as Map<string, string[]>;
  // `around` follows every link's ends (a link re-wired by link.replace moves between lists).
  for (const id of changedLinks) {
    const old = before.links.get(id);
    const now = records.links.get(id);
    if (old && now && old.source === now.source && old.target === now.target) continue;
    if (old) for (const end of new Set([old.source, old.target])) drop(around, end, id);
    if (now)
      for (const end of new Set([now.source, now.target]))
        addInOrder(around, end, id, records.links);
  }

  // Nodes: replaced in place while none comes or goes; otherwise the list is rebuilt.
  let nodes = prev.nodes;
  let nodeAt = prev.nodeAt as Map<string, number>;
  let nodesMoved = false;
  let moved = false;
  /** Nodes whose active state flipped: their links may flip too. */
  const flipped: string[] = [];
  /** Nodes that became active (a create, a restore): appended when they are last in order. */
  const comes: string[] = [];
  for (const id of changedNodes) {
    const now = records.nodes.get(id);
    const at = nodeAt.get(id);
    if (nodeActive(now) && at !== undefined) {
      const old = nodes[at];
      if (old === now) continue;
      if (old?.position.x !== now.position.x || old.position.y !== now.position.y) moved = true;
      if (nodes === prev.nodes) nodes = nodes.slice();
      (nodes as NodeRecord[])[at] = now;
    } else if (nodeActive(now)) {
      comes.push(id);
      flipped.push(id);
    } else if (at !== undefined) {
      nodesMoved = true;
      flipped.push(id);
    }
  }
  if (!nodesMoved && comes.length > 0) {
    const grown = appendLast(nodes, comes, records.nodes);
    if (grown) {
      // Nothing else moved: the bounds of the new list are the old ones extended by the tail.
      if (!moved) grownFrom.set(grown, prev.nodes);
      nodes = grown;
      moved = true; // the bounds may grow
      for (let i = prev.nodes.length; i < nodes.length; i++) nodeAt.set(nodes[i]!.id, i);
    } else nodesMoved = true;
  }
  if (nodesMoved) {
    nodes = activeNodeList(records);
    nodeAt = positions(nodes);
  }

  // Links: the changed ones and every link around a node that came or went.
  const touched = new Set(changedLinks);
  for (const id of flipped) for (const l of around.get(id) ?? []) touched.add(l);
  let links = prev.links;
  let linkAt = prev.linkAt as Map<string, number>;
  let linksMoved = false;
  const linksCome: string[] = [];
  for (const id of touched) {
    const now = records.links.get(id);
    const at = linkAt.get(id);
    const active = linkActive(now, records.nodes);
    if (active && at !== undefined) {
      if (links[at] === now) continue;
      if (links === prev.links) links = links.slice();
      (links as LinkRecord[])[at] = now;
    } else if (active) linksCome.push(id);
    else if (at !== undefined) linksMoved = true;
  }
  if (!linksMoved && linksCome.length > 0) {
    const before = links.length;
    const grown = appendLast(links, linksCome, records.links);
    if (grown) {
      links = grown;
      for (let i = before; i < links.length; i++) linkAt.set(links[i]!.id, i);
    } else linksMoved = true;
  }
  if (linksMoved) {
    links = activeLinkList(records);
    linkAt = positions(links);
  }
  const places = nodesMoved || moved ? ++placesMade : prev.places;
  placesByList.set(nodes, places);
  return { nodes, links, nodeAt, linkAt, around, places };
}

/**
 * `list` with the records `ids` (not in it) appended, when each comes after every record of the
 * list in the map's order (a created record takes the map's last slot); else null: rebuild.
 * A copy when `list` is the previous value's, so that value stays as it was.
 */
function appendLast<T extends { id: string }>(
  list: readonly T[],
  ids: readonly string[],
  map: ReadonlyMap<string, T>,
): T[] | null {
  const order = (map as { orderOf?: (id: string) => number }).orderOf;
  if (!order) return null;
  const rank = (id: string) => order.call(map, id);
  const last = list.length ? rank(list[list.length - 1]!.id) : -1;
  const sorted = ids.map((id) => ({ id, at: rank(id) })).sort((a, b) => a.at - b.at);
  if (!(sorted[0]!.at > last) || !Number.isFinite(sorted[sorted.length - 1]!.at)) return null;
  const out = list.slice();
  for (const { id } of sorted) out.push(map.get(id)!);
  return out;
}

function drop(around: Map<string, string[]>, node: string, link: string): void {
  const list = around.get(node);
  if (!list) return;
  const i = list.indexOf(link);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) around.delete(node);
}

/** Adds a link to a node's list where the map's order puts it (lists are short). */
function addInOrder(
  around: Map<string, string[]>,
  node: string,
  link: string,
  links: ReadonlyMap<string, LinkRecord>,
): void {
  const list = around.get(node);
  if (!list) {
    around.set(node, [link]);
    return;
  }
  if (list.includes(link)) return;
  list.push(link);
  const order = (links as { orderOf?: (id: string) => number }).orderOf;
  if (order) list.sort((a, b) => order.call(links, a) - order.call(links, b));
}
