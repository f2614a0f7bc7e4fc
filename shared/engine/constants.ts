/**
 * Fixed tables of the engine: history op codes [H1], the built-in link types with their
 * names, blocker side [L2], default blocking type [L3] and DevRev constraints [C1], and the
 * display-id prefixes.
 */
import type { CustomLinkType, LinkType, NodeKind } from '../model/types';

/** [H1] History op codes (seed 004), plus local additions from 30 up. */
export const Op = {
  NODE_ADD: 0,
  NODE_STATUS: 2,
  NODE_UPDATE: 3,
  NODE_TRASH: 4,
  NODE_RESTORE: 5,
  NODE_PURGE: 6,
  LINK_ADD: 10,
  LINK_UPDATE: 11,
  LINK_TRASH: 12,
  LINK_RESTORE: 13,
  LINK_PURGE: 14,
  LINK_SWAP: 15,
  ACCESS_GRANT: 20,
  ACCESS_REVOKE: 21,
  /** Local addition: a member joined the workspace. */
  MEMBER_ADD: 30,
  /** Local addition: a custom link type was defined. */
  LINK_TYPE_ADD: 40,
  /** Local addition: a custom link type was renamed or (un)deprecated. */
  LINK_TYPE_UPDATE: 41,
  /** Local addition: the workspace calendar was set [PL1]. */
  CALENDAR_SET: 50,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];
export const OP_CODES: readonly OpCode[] = Object.values(Op);

/** [H2] Default bound of the history. */
export const DEFAULT_HISTORY_LIMIT = 5000;

export interface LinkTypeRule {
  forward: string;
  backward: string;
  /** [L2] which endpoint blocks the other on a primary link. */
  blocker: 'source' | 'target';
  /** [L3] primary when the caller gives no `type`. */
  defaultPrimary: boolean;
  /** [C1] at most one active incoming link of this type per target. */
  oneIncoming: boolean;
  /** [C1] at most one active outgoing link of this type per source. */
  oneOutgoing: boolean;
  /** [C1] cycles of this type are refused. */
  acyclic: boolean;
}

const rule = (
  forward: string,
  backward: string,
  o: Partial<Omit<LinkTypeRule, 'forward' | 'backward'>> = {},
): LinkTypeRule => ({
  forward,
  backward,
  blocker: o.blocker ?? 'source',
  defaultPrimary: o.defaultPrimary ?? false,
  oneIncoming: o.oneIncoming ?? false,
  oneOutgoing: o.oneOutgoing ?? false,
  acyclic: o.acyclic ?? false,
});

/** Built-in rules; `custom_link` takes its blocker side from the custom type. */
export const LINK_TYPE_RULES: Record<LinkType, LinkTypeRule> = {
  custom_link: rule('custom link', 'custom link'),
  developed_with: rule('is developed with', 'develops'),
  imports: rule('imports', 'is imported by', { blocker: 'target', defaultPrimary: true }),
  is_analyzed_by: rule('is analyzed by', 'analyzes'),
  is_converted_to: rule('is converted to', 'is converted from'),
  is_dependent_on: rule('is dependent on', 'is depended on by', {
    blocker: 'target',
    defaultPrimary: true,
  }),
  is_duplicate_of: rule('is duplicate of', 'is duplicated by'),
  is_follow_up_of: rule('is follow-up of', 'is followed up by', {
    blocker: 'target',
    oneIncoming: true,
    oneOutgoing: true,
    acyclic: true,
  }),
  is_merged_into: rule('is merged into', 'is merged from', { oneOutgoing: true, acyclic: true }),
  is_parent_of: rule('is parent of', 'is child of', {
    blocker: 'target',
    defaultPrimary: true,
    oneIncoming: true,
    acyclic: true,
  }),
  is_part_of: rule('is part of', 'has part', {
    defaultPrimary: true,
    oneOutgoing: true,
    acyclic: true,
  }),
  is_related_to: rule('is related to', 'is related to'),
  serves: rule('serves', 'is served by'),
};

/** [L1] A plain SynapTask dependency link: the source blocks the target, primary by default. */
export const PLAIN_RULE: LinkTypeRule = rule('blocks', 'is blocked by', { defaultPrimary: true });

/** The rule governing a link of this type (custom types: no table limits, own blocker side). */
export function ruleOf(linkType: LinkType | undefined, custom?: CustomLinkType): LinkTypeRule {
  if (linkType === undefined) return PLAIN_RULE;
  if (linkType === 'custom_link') {
    return custom
      ? rule(custom.forward_name, custom.backward_name, { blocker: custom.blocker })
      : LINK_TYPE_RULES.custom_link;
  }
  return LINK_TYPE_RULES[linkType];
}

/** Display-id prefix of each node kind (`ISS-12`). */
export const KIND_PREFIX: Record<NodeKind, string> = {
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
export const LINK_PREFIX = 'LNK';

/** One shared key string per custom type id (LinkEntry.key derives it on every read). */
const customKeys = new Map<string, string>();

/** Identity of a link's type for duplicates and per-type limits: plain, built-in, or custom id. */
export function typeKey(linkType: LinkType | undefined, customLinkType?: string): string {
  if (linkType === undefined) return 'plain';
  if (linkType === 'custom_link') {
    const id = customLinkType ?? '';
    let key = customKeys.get(id);
    if (key === undefined) {
      if (customKeys.size >= 4096) customKeys.clear(); // ids from queries are not trusted
      customKeys.set(id, (key = `custom:${id}`));
    }
    return key;
  }
  return linkType;
}
