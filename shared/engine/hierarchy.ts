/**
 * The parts hierarchy [C1]: which end of a link is the parent. `is_parent_of` names its
 * parent first (parent → child); `is_part_of` names the part first (part → parent). The one
 * place this is decided: the engine's one-parent check (rules.ts, `existing_parent`) and the
 * editor's groups (renderer/groups) both ask here. Other types, plain and custom links make
 * no hierarchy.
 */
import type { LinkRecord } from '../model/types';

/** Which end of a hierarchy link is the parent, per link type. */
const PARENT_END = { is_parent_of: 'source', is_part_of: 'target' } as const;

export type HierarchyLinkType = keyof typeof PARENT_END;

export const isHierarchyType = (t: LinkRecord['link_type']): t is HierarchyLinkType =>
  t === 'is_parent_of' || t === 'is_part_of';

/** The parent and child a link joins, or undefined when its type makes no hierarchy. */
export function hierarchyEnds(
  link: Pick<LinkRecord, 'source' | 'target' | 'link_type'>,
): { parent: string; child: string } | undefined {
  if (!isHierarchyType(link.link_type)) return undefined;
  return PARENT_END[link.link_type] === 'source'
    ? { parent: link.source, child: link.target }
    : { parent: link.target, child: link.source };
}
