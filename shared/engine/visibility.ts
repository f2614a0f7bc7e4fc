/**
 * [A1]–[A4] The one rule of what a member sees, used by every answer that can carry an entity
 * (views, link lists, blocker chains, the trash, pushed diffs): a node when the member has
 * access to it; a link when the member sees both its endpoints and, if it is private, owns
 * it. Whether an entity is in trash is a separate question each answer decides for itself.
 */
import type { LinkRecord } from '../model/types';
import { accessOf } from './access';
import type { WorkspaceState } from './state';

export type SeesNode = (nodeId: string) => boolean;

/** [A4] A private link is shown to its owner only. */
export function privacyAllows(
  link: Pick<LinkRecord, 'private' | 'owner'>,
  member: string,
): boolean {
  return !link.private || link.owner === member;
}

/** [A4] A link is visible to a member who sees both endpoints and is allowed by its privacy. */
export function seesLink(
  link: Pick<LinkRecord, 'private' | 'owner' | 'source' | 'target'>,
  member: string,
  seesNode: SeesNode,
): boolean {
  return privacyAllows(link, member) && seesNode(link.source) && seesNode(link.target);
}

/** [A4] A link is visible to M when M sees both endpoints and, if private, M owns it. */
export function linkVisible(state: WorkspaceState, member: string, link: LinkRecord): boolean {
  return seesLink(link, member, (id) => accessOf(state, member, id) !== null);
}

export interface Visibility {
  readonly member: string;
  node: SeesNode;
  link(link: LinkRecord): boolean;
}

/**
 * What `member` sees of the workspace as it is now, answered per entity (a hover or a page
 * asks about a few nodes; whole views use `accessMap` instead). Node answers are memoised, so
 * the same object may be asked about many links.
 */
export function visibilityFor(state: WorkspaceState, member: string): Visibility {
  const known = new Map<string, boolean>();
  const owner = member === state.ownerId;
  const node: SeesNode = (id) => {
    if (owner) return state.nodes.has(id);
    let sees = known.get(id);
    if (sees === undefined) {
      sees = accessOf(state, member, id) !== null;
      known.set(id, sees);
    }
    return sees;
  };
  return { member, node, link: (link) => seesLink(link, member, node) };
}
