/**
 * Turns a refusal from the engine into plain words for the person. Nodes are named by
 * display id and title ("ENH-2 Faster queries"), links by their display id and ends
 * ("LNK-3 (TASK-1 → TASK-2)"), never by raw ids: whatever id is left in a message is replaced
 * by the name the editor knows, or "a node you cannot see". The rules themselves stay in the
 * engine; this only reads its tables (which end a link blocks, which end is the child).
 */
import type { ServiceError } from '../../shared/contract/errors';
import { ruleOf } from '../../shared/engine/constants';
import { NODE_LIMITS } from '../../shared/model/schemas';
import { planFieldWords } from '../plan/plan-errors';
import type { CustomLinkType, LinkRecord, LinkType, NodeRecord } from '../../shared/model/types';

/** What the editor knows to name things with (the graph store has all three). */
export interface Names {
  nodes: ReadonlyMap<string, NodeRecord>;
  links?: ReadonlyMap<string, LinkRecord>;
  customTypes?: ReadonlyMap<string, CustomLinkType>;
}

/** What the refused command was about. */
export interface ErrorSubject {
  /** The node it changed. */
  node?: string;
  /** The link it changed. */
  link?: string;
  /** The link it tried to draw (link.create, or the new link of link.replace). */
  draw?: { source: string; target: string; link_type?: LinkType; custom_link_type?: string };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function nodeName(names: Names, id: string | undefined): string | undefined {
  const n = id ? names.nodes.get(id) : undefined;
  return n ? `${n.display_id} ${n.title || 'Untitled'}`.trim() : undefined;
}

export function linkName(names: Names, link: LinkRecord): string {
  const end = (id: string) => names.nodes.get(id)?.display_id ?? 'a hidden node';
  return `${link.display_id} (${end(link.source)} → ${end(link.target)})`;
}

const someNode = (names: Names, id: string | undefined) =>
  nodeName(names, id) ?? 'a node you cannot see';

/** The end a link (drawn or existing) would block, by the engine's blocker side [L2]. */
function blockedEnd(
  names: Names,
  link: { source: string; target: string; link_type?: LinkType; custom_link_type?: string },
): string {
  const custom = link.custom_link_type ? names.customTypes?.get(link.custom_link_type) : undefined;
  return ruleOf(link.link_type, custom).blocker === 'source' ? link.target : link.source;
}

export function describeError(
  error: ServiceError,
  names: Names,
  about: ErrorSubject | string = {},
): string {
  const subject = typeof about === 'string' ? { node: about } : about;
  return withoutIds(wordsFor(error, names, subject), names);
}

function wordsFor(error: ServiceError, names: Names, about: ErrorSubject): string {
  // A several-at-once refusal already names its element before the reason (the engine's words).
  if (error.element) return error.message;
  const link = about.link ? names.links?.get(about.link) : undefined;
  const drawn = about.draw ?? link;
  const reason = error.code.slice(error.code.indexOf('.') + 1);
  const objectLink = error.object_ids?.[0] ? names.links?.get(error.object_ids[0]) : undefined;

  if (error.existing_parent) {
    // [C1] The child is the other end of the existing link; for a link being drawn, the end
    // the type allows one parent for (is_part_of: the part, its source; else the target).
    const child = objectLink
      ? objectLink.source === error.existing_parent
        ? objectLink.target
        : objectLink.source
      : drawn
        ? ruleOf(drawn.link_type).oneOutgoing
          ? drawn.source
          : drawn.target
        : about.node;
    const who = nodeName(names, child) ?? 'This item';
    const parent = nodeName(names, error.existing_parent) ?? 'another item';
    return error.is_same
      ? `${who} is already attached to ${parent}.`
      : `${who} already has a parent: ${parent}.`;
  }
  switch (reason) {
    case 'forbidden_type':
      return drawn
        ? `You can only view ${someNode(names, blockedEnd(names, drawn))}, so a link may not block it: it can only be non-blocking.`
        : 'You can only view the node this link would block, so it can only be non-blocking.';
    case 'target_independent':
      return drawn
        ? `${someNode(names, blockedEnd(names, drawn))} is not dependent, so no link can block it: turn on “Dependent” in its inspector first.`
        : 'The node this link would block is not dependent, so no link can block it.';
    case 'forbidden_private':
      return `${link ? linkName(names, link) : 'This link'} must stay private: you can only view one of its ends, and your links there are private (rule A3).`;
    case 'self_link_not_allowed':
      return 'A node cannot link to itself: drop the end on another node.';
    case 'duplicate_link':
      return objectLink && objectLink.id !== link?.id
        ? `These nodes are already linked this way: ${linkName(names, objectLink)}.`
        : error.message;
    case 'duplicate_reversed_link':
      return objectLink
        ? `The same link already exists the other way round: ${linkName(names, objectLink)}.`
        : 'The same link already exists the other way round.';
    case 'cycle': {
      const path = (error.object_ids ?? []).map((id) => someNode(names, id));
      return path.length > 0 ? `${error.message} (${path.join(' → ')})` : error.message;
    }
    case 'too_many_incoming':
    case 'too_many_outgoing':
      return objectLink ? `${error.message} (${linkName(names, objectLink)})` : error.message;
    case 'source_in_trash':
    case 'target_in_trash': {
      const id = reason === 'source_in_trash' ? drawn?.source : drawn?.target;
      return `${nodeName(names, id) ?? 'One of its ends'} is in the trash: restore it first.`;
    }
    case 'link_in_trash':
      return `${link ? linkName(names, link) : 'This link'} is in the trash: restore it first.`;
    case 'source_not_found':
    case 'target_not_found':
    case 'node_not_found':
      return 'That node no longer exists, or you cannot see it.';
    case 'link_not_found':
      return 'That link no longer exists, or you cannot see it.';
    case 'title_too_long':
      return `A title has at most ${NODE_LIMITS.title} characters.`;
    case 'description_too_long':
      return `A description has at most ${NODE_LIMITS.description} characters.`;
    case 'too_many_tags':
      return `A node has at most ${NODE_LIMITS.tags} tags.`;
    case 'tag_too_long':
      return `A tag has at most ${NODE_LIMITS.tag} characters.`;
    case 'invalid_priority':
      return `Priority is a whole number from ${NODE_LIMITS.priorityMin} to ${NODE_LIMITS.priorityMax}.`;
    case 'status_blocked':
      return 'Blocked cannot be chosen: a node is Blocked while a link blocks it.';
    case 'version_conflict':
      return `${nodeName(names, about.node) ?? (link ? linkName(names, link) : 'This')} changed meanwhile; the editor shows the latest now. Try again.`;
    default:
      return planFieldWords(error) ?? error.message;
  }
}

/** Any raw id left in a message becomes a name (or "a node you cannot see"). */
function withoutIds(text: string, names: Names): string {
  return text.replace(UUID, (id) => {
    const node = nodeName(names, id);
    if (node) return node;
    const link = names.links?.get(id);
    return link ? linkName(names, link) : 'a node you cannot see';
  });
}
