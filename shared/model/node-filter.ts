/**
 * The editor's node filters (renderer/find) as a pure predicate, so the canvas and the
 * service's exports ("only what the filter shows", docs/exchange.md) decide alike from one
 * definition. "Blocked" is the status the engine derived; nothing here recomputes it.
 */
import type { NodeKind, NodeRecord, NodeStatus } from './types';

export interface NodeFilter {
  /** Statuses not shown (e.g. [3]: hide Completed). */
  hideStatuses: readonly NodeStatus[];
  /** '' shows every kind. */
  kind: NodeKind | '';
  /** '' shows every tag. */
  tag: string;
  /** '' shows every owner (a member id otherwise). */
  owner: string;
  /** Only nodes the engine has Blocked right now. */
  blockedOnly: boolean;
}

export const NO_NODE_FILTER: NodeFilter = {
  hideStatuses: [],
  kind: '',
  tag: '',
  owner: '',
  blockedOnly: false,
};

/** Whether a filter hides anything. */
export const filtersAnything = (f: NodeFilter): boolean =>
  f.hideStatuses.length > 0 || f.kind !== '' || f.tag !== '' || f.owner !== '' || f.blockedOnly;

/** Whether a node passes every filter given. */
export function passesNodeFilter(node: NodeRecord, f: NodeFilter): boolean {
  if (f.hideStatuses.includes(node.status)) return false;
  if (f.kind && node.kind !== f.kind) return false;
  if (f.tag && !node.tags.includes(f.tag)) return false;
  if (f.owner && node.owner !== f.owner) return false;
  // Status 2 is Blocked as the engine derived it.
  if (f.blockedOnly && node.status !== 2) return false;
  return true;
}
