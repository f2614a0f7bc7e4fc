/**
 * The canvas's input, kept up to date batch by batch (docs/canvas-performance.md, "The change
 * path"): the records not in trash, in map order, with each one's position in its list and the
 * links around each node. `buildActive` makes it from scratch (a workspace opened);
 * `updateActive` folds in the ids a batch touched: records replaced in place (a status, a title,
 * a mark) in O(what changed); records that come or go (a create, a trash, a purge, a restore)
 * spliced in or out where the map's order puts them, in one pass of pointer copies from the
 * first change on (`spliceList`; `listEditOf` says what came and went, for the flow lists).
 *
 * The lists are new arrays when something in them changed and the same arrays otherwise, so
 * whatever is derived from the links alone (the parts hierarchy) is not redone when only a
 * node changed. The position maps and `around` are shared with the previous value and edited
 * in place: only the newest value is current (the store keeps only that one).
 */
import { isHierarchyType } from '../../shared/engine/hierarchy';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { appended } from '../canvas/list-patch';
import { positionsOf } from './list-positions';
import { linkOnCanvas, nodeOnCanvas } from '../../shared/model/on-canvas';

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
  /**
   * The links list as far as the parts hierarchy sees it: the same array until a link of a
   * hierarchy type (is_parent_of, is_part_of) comes, goes or changes, so the hierarchy is not
   * derived again from 150,000 links when a plain link or a node without parent links changes.
   */
  hierarchyLinks: readonly LinkRecord[];
}

type Records = {
  nodes: ReadonlyMap<string, NodeRecord>;
  links: ReadonlyMap<string, LinkRecord>;
};

// What the canvas draws, as the server's first outline reads it too (shared/model/on-canvas.ts).
const nodeActive = nodeOnCanvas;
const linkActive = linkOnCanvas;

const valuesOf = <V>(map: ReadonlyMap<string, V>): V[] =>
  'valuesArray' in map
    ? (map as unknown as { valuesArray(): V[] }).valuesArray()
    : [...map.values()];

function activeNodeList({ nodes }: Records): NodeRecord[] {
  return valuesOf(nodes).filter((n) => nodeActive(n));
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
/**
 * A node list made here from the previous one by nodes coming, going and moving: that list,
 * what went (or moved away: as it was) and what came (or moved there), so bounds follow
 * without a pass over every node.
 */
export interface PlacesEdit {
  from: readonly NodeRecord[];
  gone: readonly NodeRecord[];
  added: readonly NodeRecord[];
}
const editedFrom = new WeakMap<readonly NodeRecord[], PlacesEdit>();
/** How `list` was made from the list before it (unless rebuilt from the map). */
export const placesEditOf = (list: readonly NodeRecord[]): PlacesEdit | undefined =>
  editedFrom.get(list);
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
  let nodeAt: ReadonlyMap<string, number> | undefined;
  let linkAt: ReadonlyMap<string, number> | undefined;
  let around: Map<string, string[]> | undefined;
  const allLinks = records.links;
  return {
    nodes,
    links,
    get nodeAt() {
      return (nodeAt ??= positionsOf(nodes, records.nodes));
    },
    get linkAt() {
      return (linkAt ??= positionsOf(links, records.links));
    },
    get around() {
      return (around ??= aroundOf(allLinks));
    },
    places,
    hierarchyLinks: links,
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

  // Nodes: replaced in place; those that come or go are spliced in or out (map order kept).
  let nodes = prev.nodes;
  const nodeAt = prev.nodeAt;
  let moved = false;
  /** Nodes whose active state flipped: their links may flip too. */
  const flipped: string[] = [];
  /** Nodes that became active (a create, a restore), and the places of those that went. */
  const comes: string[] = [];
  const goneAt: number[] = [];
  /** Nodes moved: as they were, as they are (bounds follow them). */
  const movedFrom: NodeRecord[] = [];
  const movedTo: NodeRecord[] = [];
  for (const id of changedNodes) {
    const now = records.nodes.get(id);
    const at = nodeAt.get(id);
    if (nodeActive(now) && at !== undefined) {
      const old = nodes[at];
      if (old === now) continue;
      if (old?.position.x !== now.position.x || old.position.y !== now.position.y) {
        moved = true;
        if (old) movedFrom.push(old);
        movedTo.push(now);
      }
      if (nodes === prev.nodes) nodes = nodes.slice();
      (nodes as NodeRecord[])[at] = now;
    } else if (nodeActive(now)) {
      comes.push(id);
      flipped.push(id);
    } else if (at !== undefined) {
      goneAt.push(at);
      flipped.push(id);
    }
  }
  let nodeEdit: ListEdit | null = null;
  if (comes.length > 0 || goneAt.length > 0) {
    const spliced = spliceList(nodes, goneAt, comes, records.nodes);
    if (spliced) {
      const { list, edit } = spliced;
      // The new list's bounds are the old ones, less what went or moved away, plus what came
      // or moved there (fit-graph.ts).
      editedFrom.set(list, {
        from: prev.nodes,
        gone: [...edit.removed.map((i) => prev.nodes[i]!), ...movedFrom],
        added: [...edit.inserted.map((i) => list[i]!), ...movedTo],
      });
      nodes = list;
      nodeEdit = edit;
      moved = true; // the bounds may change
    } else {
      nodes = activeNodeList(records);
      moved = true;
    }
  } else if (moved) editedFrom.set(nodes, { from: prev.nodes, gone: movedFrom, added: movedTo });

  // Links: the changed ones and every link around a node that came or went.
  const touched = new Set(changedLinks);
  for (const id of flipped) for (const l of around.get(id) ?? []) touched.add(l);
  let links = prev.links;
  const linkAt = prev.linkAt;
  const linksCome: string[] = [];
  /** Whether a link of a hierarchy type came, went or changed (the hierarchy is redone). */
  let parents = false;
  const linksGoneAt: number[] = [];
  for (const id of touched) {
    const now = records.links.get(id);
    const at = linkAt.get(id);
    const active = linkActive(now, records.nodes);
    if (!parents) {
      const was = before.links.get(id);
      parents = isHierarchyType(now?.link_type) || isHierarchyType(was?.link_type);
    }
    if (active && at !== undefined) {
      if (links[at] === now) continue;
      if (links === prev.links) links = links.slice();
      (links as LinkRecord[])[at] = now;
    } else if (active) linksCome.push(id);
    else if (at !== undefined) linksGoneAt.push(at);
  }
  let linkEdit: ListEdit | null = null;
  if (linksCome.length > 0 || linksGoneAt.length > 0) {
    const spliced = spliceList(links, linksGoneAt, linksCome, records.links);
    if (spliced) {
      links = spliced.list;
      linkEdit = spliced.edit;
    } else {
      links = activeLinkList(records);
      parents = true;
    }
  }
  const places = moved ? ++placesMade : prev.places;
  placesByList.set(nodes, places);
  // Made from the previous value's lists (records replaced in place before the splice keep
  // their places, so the indices hold for those lists too).
  if (nodeEdit) listEdits.set(nodes, { ...nodeEdit, previous: prev.nodes });
  if (linkEdit) listEdits.set(links, { ...linkEdit, previous: prev.links });
  return {
    nodes,
    links,
    nodeAt: nodes === prev.nodes ? nodeAt : positionsOf(nodes, records.nodes),
    linkAt: links === prev.links ? linkAt : positionsOf(links, records.links),
    around,
    places,
    hierarchyLinks: parents ? links : prev.hierarchyLinks,
  };
}

/**
 * How a list made by `updateActive` differs from the one before in which elements came and
 * went (elements replaced in place are not named): `removed`, ascending indices in the old
 * list; `inserted`, ascending indices in the new one. The flow lists splice the same way.
 */
export interface ListEdit {
  previous: readonly unknown[];
  removed: readonly number[];
  inserted: readonly number[];
}
const listEdits = new WeakMap<readonly unknown[], ListEdit>();
/** The elements that came and went when `list` was made from the active list before it. */
export const listEditOf = (list: readonly unknown[]): ListEdit | undefined => listEdits.get(list);

/**
 * `list` less the records at `goneAt` plus the records `comes` (not in it), each where the
 * map's order puts it (the list is in that order: a created record takes the map's last slot,
 * a restored one its old place): one pass of pointer copies from the first change on, no
 * record read (positions are found by search: `positionsOf`). Null without the map's order.
 */
function spliceList<T extends { id: string }>(
  list: readonly T[],
  goneAt: readonly number[],
  comes: readonly string[],
  map: ReadonlyMap<string, T>,
): { list: T[]; edit: ListEdit } | null {
  const order = (map as { orderOf?: (id: string) => number }).orderOf;
  if (!order) return null;
  const rank = (id: string) => order.call(map, id);
  const removed = [...goneAt].sort((a, b) => a - b);
  const adds = comes.map((id) => ({ id, at: rank(id), before: 0 }));
  if (adds.some((a) => !Number.isFinite(a.at))) return null;
  adds.sort((a, b) => a.at - b.at);
  // Where each comes in the old list: before the first element after it in the map's order.
  for (const add of adds) {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rank(list[mid]!.id) < add.at) lo = mid + 1;
      else hi = mid;
    }
    add.before = lo;
  }
  // Only created records, all after the last one (a create, a link made): one copy.
  if (removed.length === 0 && adds.every((a) => a.before === list.length)) {
    const out = appended(
      list,
      adds.map((a) => map.get(a.id)!),
    );
    const inserted = adds.map((_, a) => list.length + a);
    return { list: out, edit: { previous: list, removed, inserted } };
  }
  // Native copies and splices (a loop pushing 150,000 links took ~3 ms): the removed ones
  // last first, then the new ones first first (each at its old-list place plus those before).
  const out = list.slice();
  for (let r = removed.length - 1; r >= 0; r--) out.splice(removed[r]!, 1);
  const inserted: number[] = [];
  for (let a = 0, r = 0; a < adds.length; a++) {
    const add = adds[a]!;
    while (r < removed.length && removed[r]! < add.before) r++;
    const at = add.before - r + a;
    inserted.push(at);
    out.splice(at, 0, map.get(add.id)!);
  }
  return { list: out, edit: { previous: list, removed, inserted } };
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
