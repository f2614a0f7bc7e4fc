/**
 * What the canvas shows of the blocking rules ([N2][L2]): which end of a link blocks, and
 * whether a link blocks right now (a primary link whose blocked end is Blocked and whose
 * blocker is not Done). One place for the editor's cards and overview layer
 * (renderer/canvas/flow-elements.ts) and for the server's first outline of a plan
 * (shared/contract/graph-outline.ts), so both draw the same red links.
 */
import type { CustomLinkType, LinkRecord, NodeRecord } from '../model/types';
import { ruleOf } from './constants';

/** Records by id: a Map, or anything else that answers `get`. */
export interface Lookup<T> {
  get(id: string): T | undefined;
}

/** [L2] Which end of a link blocks (when primary) and which waits, by the engine's table. */
export function linkEnds(
  link: Pick<LinkRecord, 'source' | 'target' | 'link_type' | 'custom_link_type'>,
  customTypes: ReadonlyMap<string, CustomLinkType>,
): { blocker: string; blocked: string } {
  const custom = link.custom_link_type ? customTypes.get(link.custom_link_type) : undefined;
  return ruleOf(link.link_type, custom).blocker === 'source'
    ? { blocker: link.source, blocked: link.target }
    : { blocker: link.target, blocked: link.source };
}

/** A primary link whose blocked end is Blocked (2) by a blocker not Done (3). */
export function isBlockingNow(
  link: Pick<LinkRecord, 'type' | 'source' | 'target' | 'link_type' | 'custom_link_type'>,
  nodes: Lookup<Pick<NodeRecord, 'status'>>,
  customTypes: ReadonlyMap<string, CustomLinkType>,
): boolean {
  if (link.type !== 0) return false;
  const ends = linkEnds(link, customTypes);
  const blocker = nodes.get(ends.blocker);
  const blocked = nodes.get(ends.blocked);
  return blocked?.status === 2 && blocker !== undefined && blocker.status !== 3;
}
