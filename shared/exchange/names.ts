/**
 * Human names used by the visual and tabular formats: status names, link type forward and
 * backward names, display-id prefixes. The link-type names and prefixes are the engine's
 * tables (shared/engine/constants.ts, pure data), so an export never disagrees with the app.
 */
import type {
  CustomLinkType,
  LinkKind,
  LinkRecord,
  LinkType,
  NodeKind,
  NodeStatus,
} from '../model/types';
import { KIND_PREFIX, LINK_TYPE_RULES, ruleOf } from '../engine/constants';

export const STATUS_NAMES: Record<NodeStatus, string> = {
  0: 'Available',
  1: 'InProgress',
  2: 'Blocked',
  3: 'Completed',
};

export const LINK_KIND_NAMES: Record<LinkKind, string> = { 0: 'primary', 1: 'secondary' };

/** Forward and backward names of the built-in link types (`custom_link` uses its type's). */
export const LINK_TYPE_NAMES: Record<LinkType, { forward: string; backward: string }> =
  Object.fromEntries(
    Object.entries(LINK_TYPE_RULES).map(([type, rule]) => [
      type,
      { forward: rule.forward, backward: rule.backward },
    ]),
  ) as Record<LinkType, { forward: string; backward: string }>;

/** Display-id prefixes per kind, for nodes an import creates (the engine's own). */
export const KIND_PREFIXES: Record<NodeKind, string> = KIND_PREFIX;

/** [L3] The default `type` of a link with this link type (undefined: a plain link). */
export function defaultLinkKind(linkType: LinkType | undefined): LinkKind {
  return ruleOf(linkType).defaultPrimary ? 0 : 1;
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
