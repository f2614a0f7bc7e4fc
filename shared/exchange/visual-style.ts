/**
 * How the visual formats (DOT, Mermaid, Canvas) show what the model says: the node's caption
 * lines, the link's caption, and colours per status. One place, so the three agree.
 */
import type { CustomLinkType, LinkRecord, NodeRecord, NodeStatus } from '../model/types';
import { STATUS_NAMES, linkForwardName } from './names';

/** Marker for private links ([A4]); only their owner's export contains them at all. */
export const PRIVATE_MARK = '\u{1F512}';

/** Fill and stroke colours per status, chosen to read as "free / busy / stuck / done". */
export const STATUS_COLORS: Record<NodeStatus, { fill: string; stroke: string }> = {
  0: { fill: '#ffffff', stroke: '#546e7a' },
  1: { fill: '#fff4d6', stroke: '#b26a00' },
  2: { fill: '#fde2e2', stroke: '#c62828' },
  3: { fill: '#e3f4e1', stroke: '#2e7d32' },
};
export const BLOCKING_COLOR = '#c62828';

/** `ISS-12 · task` — the node's identity line. */
export const nodeHeader = (n: NodeRecord): string => `${n.display_id} \u00b7 ${n.kind}`;
export const statusName = (n: NodeRecord): string => STATUS_NAMES[n.status];

/** Whether a link is blocking its blocked node right now (drawn stronger than other links). */
export const isBlocking = (l: LinkRecord): boolean => l.type === 0 && l.was_blocker;

/**
 * Caption of a link in the visual formats: lock for private, the link type's forward name,
 * and "secondary" for non-blocking links (primary is the default look: solid).
 */
export function linkCaption(
  link: LinkRecord,
  customTypes: ReadonlyMap<string, CustomLinkType>,
): string {
  const parts: string[] = [];
  if (link.private) parts.push(PRIVATE_MARK);
  const name = linkForwardName(link, customTypes);
  if (name) parts.push(name);
  if (link.type === 1) parts.push('(secondary)');
  return parts.join(' ');
}

export const customTypeMap = (types: readonly CustomLinkType[]) =>
  new Map<string, CustomLinkType>(types.map((t) => [t.id, t]));
