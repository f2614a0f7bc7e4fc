/**
 * Record copies and history images: how a node looks in a batch ([H1] full image with the
 * status a Blocked node resumes, or the cascade's short status image), and the helpers the Tx
 * uses to build new records and entries.
 */
import type { LinkRecord, NodeRecord, PlanningField } from '../model/types';
import type { Entry, NodeImage, NodeStatusImage } from './batch';
import { ruleOf, type OpCode } from './constants';
import type { BaseStatus, WorkspaceState } from './state';

/** The base status a node image stands for ([N2]: Blocked resumes `resume_status`). */
export function baseOfImage(img: NodeImage): BaseStatus {
  if (img.status === 2) return img.resume_status ?? 0;
  return img.status;
}

export function nodeImage(rec: NodeRecord, base: BaseStatus): NodeImage {
  return rec.status === 2 ? { ...rec, resume_status: base } : rec;
}

export function statusImage(rec: NodeRecord): NodeStatusImage {
  return {
    id: rec.id,
    status: rec.status,
    version: rec.version,
    last_edited_time: rec.last_edited_time,
  };
}

export function linkBlockerIsSource(state: WorkspaceState, rec: LinkRecord): boolean {
  const custom = rec.custom_link_type ? state.linkTypes.get(rec.custom_link_type) : undefined;
  return ruleOf(rec.link_type, custom).blocker === 'source';
}

/**
 * The one (frozen) empty tag list every untagged node shares: records are immutable, and a
 * fresh `[]` per node is 32 bytes (~3 MB on a 100,000-node graph).
 */
export const NO_TAGS = Object.freeze([]) as unknown as string[];

/** A node's tag list, the shared empty one when it has none. */
export function sharedTags(tags: string[]): string[] {
  return tags.length === 0 ? NO_TAGS : tags;
}

/**
 * A change to a node record. [PL1] A planning field set to `null` is cleared (absent = none);
 * `undefined` keeps it.
 */
export type NodePatch = Partial<Omit<NodeRecord, PlanningField>> & {
  [K in PlanningField]?: NodeRecord[K] | null;
};

/** True when the record carries any [PL1] planning field. */
export function hasPlanningFields(r: NodeRecord): boolean {
  return (
    r.due_date !== undefined ||
    r.start_date !== undefined ||
    r.estimate !== undefined ||
    r.assignee !== undefined
  );
}

/**
 * A changed copy of a node record, written out field by field (cheaper than a spread). The
 * [PL1] planning fields are added (in schema order) only when present: a node without them
 * keeps the plain record shape, so a workspace without dates weighs what it did.
 */
export function copyNode(r: NodeRecord, p: NodePatch, version: number, time: string): NodeRecord {
  const rec = plainCopy(r, p, version, time);
  const due = p.due_date === undefined ? r.due_date : (p.due_date ?? undefined);
  const start = p.start_date === undefined ? r.start_date : (p.start_date ?? undefined);
  const estimate = p.estimate === undefined ? r.estimate : (p.estimate ?? undefined);
  const assignee = p.assignee === undefined ? r.assignee : (p.assignee ?? undefined);
  if (due !== undefined) rec.due_date = due;
  if (start !== undefined) rec.start_date = start;
  if (estimate !== undefined) rec.estimate = estimate;
  if (assignee !== undefined) rec.assignee = assignee;
  return rec;
}

function plainCopy(r: NodeRecord, p: NodePatch, version: number, time: string): NodeRecord {
  return {
    id: r.id,
    display_id: r.display_id,
    title: p.title ?? r.title,
    description: p.description ?? r.description,
    kind: p.kind ?? r.kind,
    status: p.status ?? r.status,
    dependent: p.dependent ?? r.dependent,
    owner: r.owner,
    position: p.position ?? r.position,
    tags: p.tags !== undefined ? sharedTags(p.tags) : r.tags,
    priority: p.priority ?? r.priority,
    version,
    created_time: r.created_time,
    last_edited_time: time,
    in_trash: p.in_trash ?? r.in_trash,
  };
}

export function nodeEntryImage(
  full: boolean,
  rec: NodeRecord,
  base: BaseStatus,
): NodeImage | NodeStatusImage {
  return full ? nodeImage(rec, base) : statusImage(rec);
}

/** Batch entries of unversioned entities from a Tx's first-touch records. */
export function simpleEntries<T>(
  touches: Map<string, { op: OpCode; before: T | undefined }>,
  current: (key: string) => T | undefined,
): Entry<T>[] {
  const out: Entry<T>[] = [];
  for (const [key, t] of touches) {
    const cur = current(key);
    if (cur === t.before) continue;
    out.push({ op: t.op, before: t.before ?? {}, after: cur ?? {} });
  }
  return out;
}

/**
 * A node record rebuilt as one object literal. Records that come out of JSON.parse and zod are
 * built key by key and end up with out-of-object property storage; a literal is about half
 * the size and shares one hidden class with every record the engine makes.
 */
export function compactNode(r: NodeRecord, share: Share = same): NodeRecord {
  const rec = copyNode(
    r,
    { position: { x: r.position.x, y: r.position.y }, tags: r.tags },
    r.version,
    share(r.last_edited_time),
  );
  // Set on the fresh literal (its keys already exist): no copy of the record to set them in.
  rec.owner = share(r.owner);
  rec.created_time = share(r.created_time);
  return rec;
}

/**
 * One copy of each repeated string (snapshot.ts's interner: member ids, timestamps, type
 * names, the endpoints' own node ids), given to the compact builders so that a load needs no
 * copy of a record just to swap its strings (a spread per record was ~0.1 s at 150,000 links).
 */
export type Share = <T extends string>(s: T) => T;
const same: Share = (s) => s;

/**
 * A link record rebuilt as one object literal (see compactNode), keys in schema order. `source`
 * and `target` are the strings to keep for its ends (a load passes its nodes' own ids).
 */
export function compactLink(
  r: LinkRecord,
  share: Share = same,
  source: string = share(r.source),
  target: string = share(r.target),
): LinkRecord {
  if (r.link_type === undefined) {
    return {
      id: r.id,
      display_id: r.display_id,
      source,
      target,
      type: r.type,
      private: r.private,
      owner: share(r.owner),
      was_blocker: r.was_blocker,
      version: r.version,
      in_trash: r.in_trash,
      created_by: share(r.created_by),
      created_time: share(r.created_time),
      modified_by: share(r.modified_by),
      modified_time: share(r.modified_time),
    };
  }
  if (r.custom_link_type === undefined) {
    return {
      id: r.id,
      display_id: r.display_id,
      source,
      target,
      link_type: share(r.link_type),
      type: r.type,
      private: r.private,
      owner: share(r.owner),
      was_blocker: r.was_blocker,
      version: r.version,
      in_trash: r.in_trash,
      created_by: share(r.created_by),
      created_time: share(r.created_time),
      modified_by: share(r.modified_by),
      modified_time: share(r.modified_time),
    };
  }
  return {
    id: r.id,
    display_id: r.display_id,
    source,
    target,
    link_type: share(r.link_type),
    custom_link_type: share(r.custom_link_type),
    type: r.type,
    private: r.private,
    owner: share(r.owner),
    was_blocker: r.was_blocker,
    version: r.version,
    in_trash: r.in_trash,
    created_by: share(r.created_by),
    created_time: share(r.created_time),
    modified_by: share(r.modified_by),
    modified_time: share(r.modified_time),
  };
}
