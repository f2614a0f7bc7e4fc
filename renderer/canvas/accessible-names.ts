/**
 * What a screen reader says for a card and a link on the canvas: display ids and titles, in
 * the model's own words (status names, link type names), never a record's raw id. React Flow
 * reads them from `ariaLabel` on each node and edge (flow-elements.ts); without one it says
 * "Edge from 6a202b12-… to fff80d9c-…".
 */
import { PLAIN_RULE, ruleOf } from '../../shared/engine/constants';
import { STATUS_WORDS } from '../../shared/engine/describe-batch';
import type { CustomLinkType, LinkRecord, NodeRecord } from '../../shared/model/types';

/** How a node is named in a sentence: "T-12 Design the API" (a node out of sight: hidden). */
export const nodeName = (node: NodeRecord | undefined): string =>
  node ? `${node.display_id} ${node.title.trim() || 'Untitled'}` : 'a hidden node';

/**
 * A card: "T-12 Design the API — Blocked, waits for T-3 Write spec". `waitsFor`: the nodes
 * blocking it right now (waitingOn below), named after a Blocked status.
 */
export function nodeAccessibleName(node: NodeRecord, waitsFor: readonly NodeRecord[] = []): string {
  const name = `${nodeName(node)} — ${STATUS_WORDS[node.status]}`;
  if (node.status !== 2 || waitsFor.length === 0) return name;
  const shown = waitsFor.slice(0, 3).map(nodeName);
  const more = waitsFor.length > 3 ? ` and ${waitsFor.length - 3} more` : '';
  return `${name}, waits for ${shown.join(', ')}${more}`;
}

/**
 * A link: "T-3 Write spec blocks T-12 Design the API", then what else matters: non-blocking
 * (a secondary typed link), private [U4], blocking right now [U3].
 */
export function linkAccessibleName(
  link: LinkRecord,
  nodes: ReadonlyMap<string, NodeRecord>,
  customTypes: ReadonlyMap<string, CustomLinkType>,
  blockingNow = false,
): string {
  const custom = link.custom_link_type ? customTypes.get(link.custom_link_type) : undefined;
  // A plain link blocks only while it is primary [L1]; a custom type out of sight is "custom link".
  const verb = !link.link_type
    ? link.type === 0
      ? PLAIN_RULE.forward
      : 'is linked (non-blocking) to'
    : link.link_type === 'custom_link' && !custom
      ? 'is linked (custom link) to'
      : ruleOf(link.link_type, custom).forward;
  const notes: string[] = [];
  if (link.link_type && link.type === 1) notes.push('non-blocking');
  if (link.private) notes.push('private');
  if (blockingNow) notes.push('blocking now');
  const sentence = `${nodeName(nodes.get(link.source))} ${verb} ${nodeName(nodes.get(link.target))}`;
  return notes.length ? `${sentence} (${notes.join(', ')})` : sentence;
}
