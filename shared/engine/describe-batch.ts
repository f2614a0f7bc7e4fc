/**
 * A history batch in words, for people: the history panel and the "Undid: …" toast. Nodes are
 * named by display id and title ("trashed TASK-4 Build API"), links by their endpoints' display
 * ids ("link TASK-1 → TASK-2"), never by raw ids. Side effects the person did not ask for
 * (a node's links trashed with it, the cascade's status changes, `was_blocker` updates) are
 * not listed as changes of their own; the cascade is summed up at the end ("2 nodes blocked").
 * Pure: names come from the batch's own images or from a `Names` lookup the caller provides
 * (which decides what the reader may see).
 */
import type {
  AccessGrant,
  CustomLinkType,
  LinkRecord,
  Member,
  NodeKind,
  NodeStatus,
} from '../model/types';
import type { Batch, Empty, Entry, NodeImage, NodeStatusImage } from './batch';
import { isEmptyImage, isFullNodeImage } from './batch-images';
import { LINK_TYPE_RULES, Op } from './constants';

/** Status names as the editor shows them. */
export const STATUS_WORDS: Record<NodeStatus, string> = {
  0: 'Available',
  1: 'In progress',
  2: 'Blocked',
  3: 'Completed',
};

const ACCESS_WORDS = ['owner', 'admin', 'editor', 'viewer'] as const;

export interface NodeName {
  display_id: string;
  title: string;
}

/** Where names come from, beside the batch's own images. */
export interface Names {
  /**
   * A node's current name; `'hidden'` when the reader may not see it (it is then called
   * "a hidden node"); `undefined` when unknown (purged since), so the batch's images name it.
   */
  node?(id: string): NodeName | 'hidden' | undefined;
  /** A member's username. */
  member?(id: string): string | undefined;
  /** A custom link type, for its forward name. */
  linkType?(id: string): CustomLinkType | undefined;
}

/** At most this many phrases are spelled out; the rest are counted. */
const MAX_PHRASES = 3;

type NodeEntry = Entry<NodeImage | NodeStatusImage>;
type Img<T> = T | Empty;

const full = (img: Img<NodeImage | NodeStatusImage>): NodeImage | undefined =>
  !isEmptyImage(img) && isFullNodeImage(img) ? img : undefined;
const some = <T>(img: Img<T>): T | undefined =>
  isEmptyImage(img as object) ? undefined : (img as T);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const baseOf = (img: NodeImage): NodeStatus =>
  img.status === 2 ? (img.resume_status ?? 0) : img.status;

/** The fields a person edits, as the words the summary uses. */
const FIELDS = [
  'title',
  'description',
  'kind',
  'status',
  'dependent',
  'position',
  'tags',
  'priority',
  'due_date',
  'start_date',
  'estimate',
  'assignee',
] as const;
type Field = (typeof FIELDS)[number];

function changedFields(before: NodeImage, after: NodeImage): Field[] {
  const out: Field[] = [];
  for (const f of FIELDS) {
    const a = f === 'status' ? baseOf(before) : before[f];
    const b = f === 'status' ? baseOf(after) : after[f];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(f);
  }
  return out;
}

/** A link change the person asked for, not the cascade's `was_blocker` bookkeeping. */
function linkFieldsChanged(before: LinkRecord, after: LinkRecord): ('type' | 'private')[] {
  const out: ('type' | 'private')[] = [];
  if (before.type !== after.type) out.push('type');
  if (before.private !== after.private) out.push('private');
  return out;
}

export function describeBatch(batch: Batch, names: Names = {}): string {
  const images = new Map<string, NodeName>();
  for (const e of batch.nodes) {
    const img = full(e.after) ?? full(e.before);
    if (img) images.set(img.id, { display_id: img.display_id, title: img.title });
  }
  const lookup = (id: string): NodeName | 'hidden' | undefined =>
    names.node?.(id) ?? images.get(id);
  const nodeWords = (id: string): string => {
    const n = lookup(id);
    if (n === 'hidden') return 'a hidden node';
    if (!n) return 'a node';
    return n.title ? `${n.display_id} ${n.title}` : n.display_id;
  };
  const shortWords = (id: string): string => {
    const n = lookup(id);
    if (n === 'hidden') return 'a hidden node';
    return n ? n.display_id : 'a node';
  };
  const linkWords = (l: LinkRecord): string => {
    const ends = `${shortWords(l.source)} → ${shortWords(l.target)}`;
    if (l.link_type === undefined) return `link ${ends}`;
    const custom =
      l.link_type === 'custom_link' && l.custom_link_type
        ? names.linkType?.(l.custom_link_type)
        : undefined;
    const typeName = custom ? custom.forward_name : LINK_TYPE_RULES[l.link_type].forward;
    return `link ${ends} (${typeName})`;
  };

  const phrases: string[] = [];
  // ---- nodes ----
  const byOp = new Map<number, NodeEntry[]>();
  let blocked = 0;
  let released = 0;
  for (const e of batch.nodes) {
    if (e.op === Op.NODE_STATUS) {
      const was = (e.before as { status?: number }).status;
      const is = (e.after as { status?: number }).status;
      if (is === 2 && was !== 2) blocked++;
      else if (was === 2 && is !== 2) released++;
      continue;
    }
    const list = byOp.get(e.op);
    if (list) list.push(e);
    else byOp.set(e.op, [e]);
  }
  const idOf = (e: { before: object; after: object }) =>
    ((some(e.after as Img<{ id: string }>) ?? some(e.before as Img<{ id: string }>))?.id ??
      '') as string;
  const simple = (op: number, verb: string, participle: string) => {
    const list = byOp.get(op) ?? [];
    if (list.length === 1) phrases.push(`${verb} ${nodeWords(idOf(list[0] as NodeEntry))}`);
    else if (list.length > 1) phrases.push(`${plural(list.length, 'node')} ${participle}`);
  };
  simple(Op.NODE_ADD, 'added', 'added');
  const updates = byOp.get(Op.NODE_UPDATE) ?? [];
  if (updates.length > 0) phrases.push(describeUpdates(updates, nodeWords));
  simple(Op.NODE_TRASH, 'trashed', 'trashed');
  simple(Op.NODE_RESTORE, 'restored', 'restored');
  const purged = byOp.get(Op.NODE_PURGE) ?? [];
  if (purged.length === 1) {
    phrases.push(`deleted ${nodeWords(idOf(purged[0] as NodeEntry))} for good`);
  } else if (purged.length > 1) phrases.push(`${plural(purged.length, 'node')} deleted for good`);

  // ---- links: those trashed, restored or purged with their node are implied ----
  const nodeOps = new Map<string, number>();
  for (const e of batch.nodes) nodeOps.set(idOf(e), e.op);
  const implied = (l: LinkRecord, op: number) => {
    const with_ = { [Op.LINK_TRASH]: Op.NODE_TRASH, [Op.LINK_RESTORE]: Op.NODE_RESTORE }[op];
    const ends = [nodeOps.get(l.source), nodeOps.get(l.target)];
    if (op === Op.LINK_PURGE) return ends.includes(Op.NODE_PURGE);
    return with_ !== undefined && ends.includes(with_);
  };
  const linkOps = new Map<number, LinkRecord[]>();
  const edits: { l: LinkRecord; fields: ('type' | 'private')[] }[] = [];
  for (const e of batch.links) {
    const before = some(e.before);
    const after = some(e.after);
    const l = after ?? before;
    if (!l) continue;
    if (e.op === Op.LINK_UPDATE) {
      const fields = before && after ? linkFieldsChanged(before, after) : [];
      if (fields.length > 0) edits.push({ l: after as LinkRecord, fields });
      continue;
    }
    if (implied(l, e.op)) continue;
    const shown = e.op === Op.LINK_SWAP && before ? before : l;
    const list = linkOps.get(e.op);
    if (list) list.push(shown);
    else linkOps.set(e.op, [shown]);
  }
  const trashed = linkOps.get(Op.LINK_TRASH) ?? [];
  const added = [...(linkOps.get(Op.LINK_ADD) ?? []), ...(linkOps.get(Op.LINK_RESTORE) ?? [])];
  if (trashed.length === 1 && added.length === 1 && byOp.size === 0) {
    // [P1] a replace: the old link to trash and the new one in, as one change.
    const [old, now] = [trashed[0] as LinkRecord, added[0] as LinkRecord];
    phrases.push(`re-attached ${linkWords(old)} to ${linkWords(now).replace(/^link /, '')}`);
  } else {
    const links = (op: number, verb: string, participle: string, after = '') => {
      const list = linkOps.get(op) ?? [];
      if (list.length === 1) {
        phrases.push(`${verb}${verb ? ' ' : ''}${linkWords(list[0] as LinkRecord)}${after}`);
      } else if (list.length > 1) {
        phrases.push(`${plural(list.length, 'link')} ${participle}${after}`);
      }
    };
    links(Op.LINK_ADD, '', 'added');
    links(Op.LINK_RESTORE, 'restored', 'restored');
    links(Op.LINK_TRASH, 'trashed', 'trashed');
  }
  const purgedLinks = linkOps.get(Op.LINK_PURGE) ?? [];
  if (purgedLinks.length === 1) {
    phrases.push(`deleted ${linkWords(purgedLinks[0] as LinkRecord)} for good`);
  } else if (purgedLinks.length > 1) {
    phrases.push(`${plural(purgedLinks.length, 'link')} deleted for good`);
  }
  const swapped = linkOps.get(Op.LINK_SWAP) ?? [];
  if (swapped.length === 1) phrases.push(`swapped ${linkWords(swapped[0] as LinkRecord)}`);
  else if (swapped.length > 1) phrases.push(`${plural(swapped.length, 'link')} swapped`);
  if (edits.length === 1) {
    const { l, fields } = edits[0] as (typeof edits)[number];
    const words = fields.map((f) =>
      f === 'type'
        ? l.type === 0
          ? 'blocking'
          : 'non-blocking'
        : l.private
          ? 'private'
          : 'public',
    );
    phrases.push(`made ${linkWords(l)} ${words.join(' and ')}`);
  } else if (edits.length > 1) phrases.push(`${plural(edits.length, 'link')} edited`);

  // ---- access, members, link types ----
  for (const e of batch.access) {
    const g = (some(e.after) ?? some(e.before)) as AccessGrant;
    if (nodeOps.get(g.node) === Op.NODE_PURGE) continue;
    const who = names.member?.(g.member) ?? 'a member';
    const after = some(e.after);
    phrases.push(
      after
        ? `gave ${who} ${ACCESS_WORDS[after.level]} access to ${nodeWords(g.node)}${after.branch ? ' and what it blocks' : ''}`
        : `revoked ${who}'s access to ${nodeWords(g.node)}`,
    );
  }
  for (const e of batch.user) {
    const m = (some(e.after) ?? some(e.before)) as Member;
    phrases.push(`added member ${m.username}`);
  }
  for (const e of batch.link_types) {
    const t = (some(e.after) ?? some(e.before)) as CustomLinkType;
    phrases.push(`${e.op === Op.LINK_TYPE_ADD ? 'defined' : 'changed'} link type "${t.name}"`);
  }
  if (batch.calendar?.length) phrases.push('changed the calendar');

  let text =
    phrases.length === 0
      ? 'no change'
      : phrases.length > MAX_PHRASES
        ? `${phrases.slice(0, MAX_PHRASES - 1).join(', ')} and ${phrases.length - MAX_PHRASES + 1} more changes`
        : phrases.join(', ');
  const cascade = [
    ...(blocked > 0 ? [`${plural(blocked, 'node')} blocked`] : []),
    ...(released > 0 ? [`${plural(released, 'node')} released`] : []),
  ];
  if (cascade.length > 0) text += ` (${cascade.join(', ')})`;
  return text;
}

function fieldValue(f: Field, img: NodeImage): string {
  switch (f) {
    case 'status':
      return STATUS_WORDS[baseOf(img)];
    case 'kind':
      return img.kind satisfies NodeKind;
    case 'priority':
      return String(img.priority);
    case 'tags':
      return img.tags.length > 0 ? img.tags.join(', ') : 'none';
    case 'due_date':
    case 'start_date':
      return img[f] ?? 'none';
    case 'estimate':
      return img.estimate === undefined ? 'none' : plural(img.estimate, 'working day');
    case 'assignee':
      return img.assignee?.length ? img.assignee.join(', ') : 'none';
    default:
      return '';
  }
}

/** Direct node edits: one node by its fields, several by what they have in common. */
function describeUpdates(updates: NodeEntry[], nodeWords: (id: string) => string): string {
  const changes = updates.flatMap((e) => {
    const before = full(e.before);
    const after = full(e.after);
    return before && after ? [{ before, after, fields: changedFields(before, after) }] : [];
  });
  if (changes.length === 1) {
    const { before, after, fields } = changes[0] as (typeof changes)[number];
    const who = nodeWords(after.id);
    if (fields.length !== 1) {
      return fields.length === 0 ? `edited ${who}` : `edited ${who} (${fields.join(', ')})`;
    }
    const f = fields[0] as Field;
    switch (f) {
      case 'title':
        return `renamed ${after.display_id} "${before.title}" → "${after.title}"`;
      case 'description':
        return `edited the description of ${who}`;
      case 'position':
        return `moved ${who}`;
      case 'dependent':
        return `made ${who} ${after.dependent ? 'dependent' : 'independent'}`;
      default:
        return `${f} of ${who} → ${fieldValue(f, after)}`;
    }
  }
  const n = plural(updates.length, 'node');
  const all = new Set(changes.flatMap((c) => c.fields));
  if (all.size === 1) {
    const f = [...all][0] as Field;
    if (f === 'position') return `${n} moved`;
    const values = new Set(changes.map((c) => fieldValue(f, c.after)));
    if ((f === 'status' || f === 'kind' || f === 'priority') && values.size === 1) {
      return `${f} of ${n} → ${[...values][0] ?? ''}`;
    }
    return `${f} of ${n} edited`;
  }
  return `${n} edited`;
}
