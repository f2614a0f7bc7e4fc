/**
 * Human names used by the visual and tabular formats: status names, link type forward and
 * backward names, display-id prefixes. Kept here (not in the engine) so the exporters stay
 * independent of engine code; the wording follows DevRev's published link-type table.
 */
import type {
  CustomLinkType,
  LinkKind,
  LinkRecord,
  LinkType,
  NodeKind,
  NodeStatus,
} from '../model/types';

export const STATUS_NAMES: Record<NodeStatus, string> = {
  0: 'Available',
  1: 'InProgress',
  2: 'Blocked',
  3: 'Completed',
};

export const LINK_KIND_NAMES: Record<LinkKind, string> = { 0: 'primary', 1: 'secondary' };

/** Forward and backward names of the built-in link types (`custom_link` uses its type's). */
export const LINK_TYPE_NAMES: Record<LinkType, { forward: string; backward: string }> = {
  custom_link: { forward: 'custom link', backward: 'custom link' },
  developed_with: { forward: 'is developed with', backward: 'develops' },
  imports: { forward: 'imports', backward: 'is imported by' },
  is_analyzed_by: { forward: 'is analyzed by', backward: 'analyzes' },
  is_converted_to: { forward: 'is converted to', backward: 'is converted from' },
  is_dependent_on: { forward: 'is dependent on', backward: 'is depended on by' },
  is_duplicate_of: { forward: 'is duplicate of', backward: 'is duplicated by' },
  is_follow_up_of: { forward: 'is follow-up of', backward: 'is followed up by' },
  is_merged_into: { forward: 'is merged into', backward: 'is merged from' },
  is_parent_of: { forward: 'is parent of', backward: 'is child of' },
  is_part_of: { forward: 'is part of', backward: 'has part' },
  is_related_to: { forward: 'is related to', backward: 'is related to' },
  serves: { forward: 'serves', backward: 'is served by' },
};

/** Display-id prefixes per kind, for nodes an import creates (DevRev's prefixes where known). */
export const KIND_PREFIXES: Record<NodeKind, string> = {
  issue: 'ISS',
  ticket: 'TKT',
  task: 'TASK',
  opportunity: 'OPP',
  product: 'PROD',
  capability: 'CAPL',
  feature: 'FEAT',
  enhancement: 'ENH',
  account: 'ACC',
  user: 'USER',
  custom_object: 'OBJ',
};

/** [L3] Link types that are primary (blocking) when the caller gives no `type`. */
const PRIMARY_BY_DEFAULT: ReadonlySet<LinkType> = new Set([
  'is_dependent_on',
  'is_parent_of',
  'is_part_of',
  'imports',
]);

/** [L3] The default `type` of a link with this link type (undefined: a plain link). */
export function defaultLinkKind(linkType: LinkType | undefined): LinkKind {
  return linkType === undefined || PRIMARY_BY_DEFAULT.has(linkType) ? 0 : 1;
}

/**
 * The forward name shown on an edge: the custom type's forward name, the built-in type's, or
 * empty for a plain dependency link ([L1]).
 */
export function linkForwardName(
  link: Pick<LinkRecord, 'link_type' | 'custom_link_type'>,
  customTypes: ReadonlyMap<string, CustomLinkType>,
): string {
  if (link.link_type === undefined) return '';
  if (link.link_type === 'custom_link' && link.custom_link_type !== undefined) {
    const custom = customTypes.get(link.custom_link_type);
    if (custom) return custom.forward_name;
  }
  return LINK_TYPE_NAMES[link.link_type].forward;
}

/** Built-in link type by forward name, for importers reading labels back. */
export const LINK_TYPE_BY_FORWARD_NAME: ReadonlyMap<string, LinkType> = new Map(
  (Object.entries(LINK_TYPE_NAMES) as [LinkType, { forward: string }][])
    .filter(([type]) => type !== 'custom_link')
    .map(([type, names]) => [names.forward, type]),
);
