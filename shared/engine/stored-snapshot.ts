/**
 * The stored form of a workspace snapshot (version 2): what the store writes into
 * `snapshot.json`. The exchange form (version 1, snapshot.ts) is an array of keyed objects,
 * which on 100,000 nodes and 200,000 links is 84 MB whose parse allocates every key of every
 * record and a copy of every repeated string. The stored form is columnar:
 *
 * - `nodes` and `links` are flat arrays, NODE_FIELDS / LINK_FIELDS values per record;
 * - strings shared by many records (member ids, timestamps, kinds, link type names) are
 *   written once in `strings` and referred to by index;
 * - a link names its endpoints by their index in `nodes`, so loading needs no id lookup.
 *
 * - [PL1] planning fields are rare, so they are not columns of every node: `planning` holds
 *   PLAN_FIELDS values per node that has any (absent in files written before them: none).
 *
 * The rest (members, custom types, grants, counters, history, calendar) keeps the exchange
 * shapes.
 * Loading builds each record as one object literal straight from the columns.
 */
import type { LinkRecord, LinkType, NodeKind, NodeRecord } from '../model/types';
import type { WorkspaceSnapshot } from './snapshot';
import {
  compactLink,
  copyNode,
  hasPlanningFields,
  NO_TAGS,
  sharedTags,
  type NodePatch,
} from './records';
import type { BaseStatus, NodeEntry, WorkspaceState } from './state';
import type { StateBuilder } from './snapshot-build';
import { SnapshotDefect } from './snapshot-build';
import { drain, RECORDS_PER_STEP, type Steps } from './steps';

export const STORED_VERSION = 2;

/** Values per node in `nodes`, in this order. */
export const NODE_FIELDS = [
  'id',
  'display_id',
  'title',
  'description',
  'kind', // string index
  'status',
  'bits', // 1 dependent | 2 in_trash | 4 resumes InProgress | 8 resumes Completed when unblocked [N2]
  'owner', // string index
  'x',
  'y',
  'tags', // 0 when none, else the array
  'priority',
  'version',
  'created_time', // string index
  'last_edited_time', // string index
] as const;

/** Values per link in `links`, in this order. */
export const LINK_FIELDS = [
  'id',
  'display_id',
  'source', // index of the node in `nodes`
  'target', // index of the node in `nodes`
  'link_type', // string index, -1 when absent
  'custom_link_type', // string index, -1 when absent
  'type',
  'bits', // 1 private | 2 was_blocker | 4 in_trash
  'owner', // string index
  'version',
  'created_by', // string index
  'created_time', // string index
  'modified_by', // string index
  'modified_time', // string index
] as const;

/** [PL1] Values per planned node in `planning`, in this order; null when the field is absent. */
export const PLAN_FIELDS = [
  'node', // index of the node in `nodes`
  'due_date',
  'start_date',
  'estimate',
  'assignee',
] as const;

const NF = NODE_FIELDS.length;
const PF = PLAN_FIELDS.length;
const LF = LINK_FIELDS.length;

export type StoredSnapshot = Omit<
  WorkspaceSnapshot,
  'version' | 'nodes' | 'links' | 'resume_status'
> & {
  version: typeof STORED_VERSION;
  strings: string[];
  nodes: unknown[];
  links: unknown[];
  planning?: unknown[];
};

/** A string table built while encoding. */
function table(): { strings: string[]; ix: (s: string) => number } {
  const strings: string[] = [];
  const index = new Map<string, number>();
  return {
    strings,
    ix(s) {
      let i = index.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        index.set(s, i);
      }
      return i;
    },
  };
}

export function toStoredSnapshot(state: WorkspaceState): StoredSnapshot {
  const { strings, ix } = table();
  const nodes: unknown[] = [];
  const planning: unknown[] = [];
  const position = new Map<NodeEntry, number>();
  for (const n of state.nodes.values()) {
    const r = n.rec;
    if (hasPlanningFields(r)) {
      planning.push(
        position.size,
        r.due_date ?? null,
        r.start_date ?? null,
        r.estimate ?? null,
        r.assignee ?? null,
      );
    }
    position.set(n, position.size);
    const resumes = r.status === 2 ? (n.base === 1 ? 4 : n.base === 3 ? 8 : 0) : 0;
    nodes.push(
      r.id,
      r.display_id,
      r.title,
      r.description,
      ix(r.kind),
      r.status,
      (r.dependent ? 1 : 0) | (r.in_trash ? 2 : 0) | resumes,
      ix(r.owner),
      r.position.x,
      r.position.y,
      r.tags.length === 0 ? 0 : r.tags,
      r.priority,
      r.version,
      ix(r.created_time),
      ix(r.last_edited_time),
    );
  }
  const links: unknown[] = [];
  for (const l of state.links.values()) {
    const r = l.rec;
    links.push(
      r.id,
      r.display_id,
      position.get(l.src),
      position.get(l.tgt),
      r.link_type === undefined ? -1 : ix(r.link_type),
      r.custom_link_type === undefined ? -1 : ix(r.custom_link_type),
      r.type,
      (r.private ? 1 : 0) | (r.was_blocker ? 2 : 0) | (r.in_trash ? 4 : 0),
      ix(r.owner),
      r.version,
      ix(r.created_by),
      ix(r.created_time),
      ix(r.modified_by),
      ix(r.modified_time),
    );
  }
  const grants = [];
  for (const mine of state.grants.values()) grants.push(...mine.values());
  return {
    format: 'linkgraph.workspace',
    version: STORED_VERSION,
    owner: state.ownerId,
    members: [...state.members.values()],
    link_types: [...state.linkTypes.values()],
    grants,
    counters: Object.fromEntries(state.counters),
    history: {
      limit: state.history.limit,
      batches: [...state.history.batches],
      undone: [...state.history.undone],
    },
    ...(state.calendar ? { calendar: state.calendar } : {}),
    strings,
    nodes,
    links,
    ...(planning.length > 0 ? { planning } : {}),
  };
}

const defect = (message: string): never => {
  throw new SnapshotDefect(message);
};

/** Typed readers of one column value; a value of the wrong type is a defect, not a crash later. */
function readers(s: StoredSnapshot) {
  const { strings } = s;
  return {
    str(v: unknown): string {
      return typeof v === 'string' ? v : defect(`Expected a string, found ${typeof v}.`);
    },
    num(v: unknown): number {
      return typeof v === 'number' ? v : defect(`Expected a number, found ${typeof v}.`);
    },
    shared(v: unknown): string {
      const found = strings[v as number];
      return found !== undefined ? found : defect(`String index ${String(v)} is out of range.`);
    },
  };
}

/**
 * Decodes the columns into records, handing each to `node` / `link` (a link also gets its
 * endpoints' positions in `nodes`; `nodeId` names the node at a position). Checks the shape
 * of every value it reads.
 */
export function readStoredRecords(
  s: StoredSnapshot,
  nodeId: (index: number) => string | undefined,
  node: (rec: NodeRecord, base: BaseStatus) => void,
  link: (rec: LinkRecord, source: number, target: number) => void,
): void {
  drain(storedRecordSteps(s, nodeId, node, link));
}

/** `readStoredRecords` in steps (steps.ts): a yield every RECORDS_PER_STEP records. */
function* storedRecordSteps(
  s: StoredSnapshot,
  nodeId: (index: number) => string | undefined,
  node: (rec: NodeRecord, base: BaseStatus) => void,
  link: (rec: LinkRecord, source: number, target: number) => void,
): Steps<void> {
  if (!Array.isArray(s.strings) || !Array.isArray(s.nodes) || !Array.isArray(s.links)) {
    defect('The stored snapshot has no columns.');
  }
  if (s.nodes.length % NF !== 0 || s.links.length % LF !== 0) {
    defect('The stored snapshot has a torn column.');
  }
  const { str, num, shared } = readers(s);
  const plans = planningByNode(s, str, num);
  const endpoint = (ix: number): string =>
    nodeId(ix) ?? defect(`A link points at node ${String(ix)}, which is missing.`);
  const v = s.nodes;
  const nodeStep = NF * RECORDS_PER_STEP;
  for (let i = 0; i < v.length; i += NF) {
    if (i % nodeStep === 0 && i > 0) yield;
    const bits = num(v[i + 6]);
    const status = num(v[i + 5]) as NodeRecord['status'];
    const tags = v[i + 10];
    const plain: NodeRecord = {
      id: str(v[i]),
      display_id: str(v[i + 1]),
      title: str(v[i + 2]),
      description: str(v[i + 3]),
      kind: shared(v[i + 4]) as NodeKind,
      status,
      dependent: (bits & 1) !== 0,
      owner: shared(v[i + 7]),
      position: { x: num(v[i + 8]), y: num(v[i + 9]) },
      tags:
        tags === 0
          ? NO_TAGS
          : Array.isArray(tags)
            ? sharedTags(tags.map(str))
            : defect('Bad tags.'),
      priority: num(v[i + 11]),
      version: num(v[i + 12]),
      created_time: shared(v[i + 13]),
      last_edited_time: shared(v[i + 14]),
      in_trash: (bits & 2) !== 0,
    };
    const planned = plans?.get(i / NF);
    const rec = planned ? copyNode(plain, planned, plain.version, plain.last_edited_time) : plain;
    node(rec, status === 2 ? resumeOf(bits) : (status as BaseStatus));
  }
  const w = s.links;
  const linkStep = LF * RECORDS_PER_STEP;
  for (let i = 0; i < w.length; i += LF) {
    if (i % linkStep === 0) yield;
    const source = num(w[i + 2]);
    const target = num(w[i + 3]);
    link(linkAt(w, i, endpoint(source), endpoint(target), num, str, shared), source, target);
  }
}

/** [PL1] The `planning` rows by node position (undefined when the file has none). */
function planningByNode(
  s: StoredSnapshot,
  str: (v: unknown) => string,
  num: (v: unknown) => number,
): Map<number, NodePatch> | undefined {
  const p = s.planning;
  if (p === undefined) return undefined;
  if (!Array.isArray(p) || p.length % PF !== 0) defect('The stored planning column is torn.');
  const out = new Map<number, NodePatch>();
  const opt = <T>(v: unknown, read: (v: unknown) => T): T | undefined =>
    v === null ? undefined : read(v);
  for (let i = 0; i < p.length; i += PF) {
    const assignee = opt(p[i + 4], (v) =>
      Array.isArray(v) ? v.map(str) : defect('Bad assignee.'),
    );
    out.set(num(p[i]), {
      due_date: opt(p[i + 1], str),
      start_date: opt(p[i + 2], str),
      estimate: opt(p[i + 3], num),
      assignee,
    });
  }
  return out;
}

/**
 * One link record from its columns, in the engine's own literal shape (compactLink picks it by
 * which type fields are present), so loaded records share hidden classes with the ones
 * commands make.
 */
function linkAt(
  w: unknown[],
  i: number,
  source: string,
  target: string,
  num: (v: unknown) => number,
  str: (v: unknown) => string,
  shared: (v: unknown) => string,
): LinkRecord {
  const lt = num(w[i + 4]);
  const ct = num(w[i + 5]);
  const bits = num(w[i + 7]);
  return compactLink({
    id: str(w[i]),
    display_id: str(w[i + 1]),
    source,
    target,
    link_type: lt < 0 ? undefined : (shared(lt) as LinkType),
    custom_link_type: ct < 0 ? undefined : shared(ct),
    type: num(w[i + 6]) as LinkRecord['type'],
    private: (bits & 1) !== 0,
    owner: shared(w[i + 8]),
    was_blocker: (bits & 2) !== 0,
    version: num(w[i + 9]),
    in_trash: (bits & 4) !== 0,
    created_by: shared(w[i + 10]),
    created_time: shared(w[i + 11]),
    modified_by: shared(w[i + 12]),
    modified_time: shared(w[i + 13]),
  });
}

/** Loads the stored form into a builder: records straight from the columns, in steps. */
export function decodeStoredSteps(s: StoredSnapshot, b: StateBuilder): Steps<void> {
  const entries: NodeEntry[] = [];
  return storedRecordSteps(
    s,
    (ix) => entries[ix]?.rec.id,
    (rec, base) => entries.push(b.addNode(rec, base)),
    (rec, source, target) => b.addLink(rec, entries[source], entries[target]),
  );
}

/** The stored form as the exchange form (for the fully validated load of an untrusted file). */
export function storedToExchange(s: StoredSnapshot): WorkspaceSnapshot {
  const nodes: NodeRecord[] = [];
  const resume: Record<string, 0 | 1 | 3> = {};
  const links: LinkRecord[] = [];
  readStoredRecords(
    s,
    (ix) => nodes[ix]?.id,
    (rec, base) => {
      nodes.push(rec);
      if (rec.status === 2) resume[rec.id] = base;
    },
    (rec) => links.push(rec),
  );
  return {
    format: s.format,
    version: 1,
    owner: s.owner,
    members: s.members,
    nodes,
    resume_status: resume,
    links,
    link_types: s.link_types,
    grants: s.grants,
    counters: s.counters,
    history: s.history,
    ...(s.calendar ? { calendar: s.calendar } : {}),
  };
}

/** [N2] The status a Blocked node returns to, from its stored bits. */
function resumeOf(bits: number): BaseStatus {
  if ((bits & 8) !== 0) return 3;
  return (bits & 4) !== 0 ? 1 : 0;
}
