/**
 * A fast yes to "would the model's zod schema accept this record as it is?" for nodes and
 * links, the records a 100,000-node file holds 250,000 of. zod's generic machinery costs
 * microseconds per record (a second or more per big import); these checks are plain
 * comparisons. They only ever say yes when the schema (shared/model/schemas.ts) accepts the
 * record and its parse would give back the same values; anything else — a wrong field, an
 * unknown key, an assignee with spaces zod would trim — is a no, and the caller then runs the
 * schema itself, so every refusal is the schema's, worded as before. The agreement is
 * property-tested against the schemas (fast-records.test.ts).
 */
import {
  AccessGrantSchema,
  AssigneeSchema,
  CustomLinkTypeSchema,
  DateSchema,
  IsoTime,
  MemberSchema,
  NODE_LIMITS,
  PLAN_LIMITS,
  WorkCalendarSchema,
} from '../model/schemas';
import { LINK_TYPES, NODE_KINDS, type LinkRecord, type NodeRecord } from '../model/types';
import type { ExchangeGraph } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KINDS: ReadonlySet<unknown> = new Set(NODE_KINDS);
const LINK_TYPE_SET: ReadonlySet<unknown> = new Set(LINK_TYPES);

/** The schema's own pattern for ISO date-times (zod keeps it on the schema). */
const ISO_PATTERN = (IsoTime as unknown as { _zod?: { def?: { pattern?: unknown } } })._zod?.def
  ?.pattern;
const isoTime: (s: string) => boolean =
  ISO_PATTERN instanceof RegExp && !ISO_PATTERN.global && !ISO_PATTERN.sticky
    ? (s) => ISO_PATTERN.test(s)
    : (s) => IsoTime.safeParse(s).success;

const isString = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): boolean => typeof v === 'boolean';
const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const plainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Checks the many ids and times of one file, remembering the ones seen (a file repeats its
 * owner ids and often its timestamps across every record).
 */
export class RecordChecker {
  private readonly goodTimes = new Set<string>();

  private time(v: unknown): boolean {
    if (!isString(v)) return false;
    if (this.goodTimes.has(v)) return true;
    if (!isoTime(v)) return false;
    if (this.goodTimes.size < 50_000) this.goodTimes.add(v);
    return true;
  }

  node(v: unknown): v is NodeRecord {
    if (!plainObject(v)) return false;
    let keys = 0;
    for (const key in v) {
      if (!NODE_KEYS.has(key) || v[key] === undefined) return false;
      keys++;
    }
    const { position, tags } = v;
    if (!(
      isString(v.id) &&
      UUID.test(v.id) &&
      isString(v.display_id) &&
      v.display_id.length >= 1 &&
      v.display_id.length <= 40 &&
      isString(v.title) &&
      v.title.length <= NODE_LIMITS.title &&
      isString(v.description) &&
      v.description.length <= NODE_LIMITS.description &&
      KINDS.has(v.kind) &&
      isInt(v.status, 0, 3) &&
      isBool(v.dependent) &&
      isString(v.owner) &&
      UUID.test(v.owner) &&
      plainObject(position) &&
      Number.isFinite(position.x) &&
      Number.isFinite(position.y) &&
      Object.keys(position).length === 2 &&
      Array.isArray(tags) &&
      tags.length <= NODE_LIMITS.tags &&
      isInt(v.priority, NODE_LIMITS.priorityMin, NODE_LIMITS.priorityMax) &&
      isInt(v.version, 1) &&
      this.time(v.created_time) &&
      this.time(v.last_edited_time) &&
      isBool(v.in_trash)
    )) {
      return false;
    }
    for (const tag of tags as unknown[]) {
      if (!isString(tag) || tag.length > NODE_LIMITS.tag) return false;
    }
    // Planning fields are rare: the schemas' own checks (an assignee must already be trimmed,
    // since zod's parse would trim it and so change the record).
    const planning = keys - REQUIRED_NODE_KEYS;
    if (planning === 0) return true;
    let seen = 0;
    for (const field of ['due_date', 'start_date'] as const) {
      if (v[field] === undefined) continue;
      seen++;
      if (!DateSchema.safeParse(v[field]).success) return false;
    }
    if (v.estimate !== undefined) {
      seen++;
      const e = v.estimate;
      if (typeof e !== 'number' || !Number.isFinite(e) || e < 0 || e > PLAN_LIMITS.estimateMax) {
        return false;
      }
    }
    if (v.assignee !== undefined) {
      seen++;
      const a = AssigneeSchema.safeParse(v.assignee);
      if (!a.success || !Array.isArray(v.assignee)) return false;
      const given = v.assignee as unknown[];
      if (a.data.some((name, i) => name !== given[i])) return false;
    }
    return seen === planning;
  }

  link(v: unknown): v is LinkRecord {
    if (!plainObject(v)) return false;
    for (const key in v) if (!LINK_KEYS.has(key) || v[key] === undefined) return false;
    return (
      isString(v.id) &&
      UUID.test(v.id) &&
      isString(v.display_id) &&
      v.display_id.length >= 1 &&
      v.display_id.length <= 40 &&
      isString(v.source) &&
      UUID.test(v.source) &&
      isString(v.target) &&
      UUID.test(v.target) &&
      (v.link_type === undefined || LINK_TYPE_SET.has(v.link_type)) &&
      (v.custom_link_type === undefined ||
        (isString(v.custom_link_type) && UUID.test(v.custom_link_type))) &&
      isInt(v.type, 0, 1) &&
      isBool(v.private) &&
      isString(v.owner) &&
      UUID.test(v.owner) &&
      isBool(v.was_blocker) &&
      isInt(v.version, 1) &&
      isBool(v.in_trash) &&
      isString(v.created_by) &&
      UUID.test(v.created_by) &&
      this.time(v.created_time) &&
      isString(v.modified_by) &&
      UUID.test(v.modified_by) &&
      this.time(v.modified_time)
    );
  }

  /** Every node and every link passes (the caller checks the few other records itself). */
  all(nodes: readonly unknown[], links: readonly unknown[]): boolean {
    for (const n of nodes) if (!this.node(n)) return false;
    for (const l of links) if (!this.link(l)) return false;
    return true;
  }
}

/**
 * True when every record of the graph is one the model's schemas accept as it is, so the
 * engine may load it without checking each record again (`fromSnapshot(…, {trusted})`; its
 * structural checks run either way). False says only "not sure": load it with the checks.
 */
export function graphRecordsPass(g: ExchangeGraph): boolean {
  return (
    new RecordChecker().all(g.nodes, g.links) &&
    g.members.every((m) => MemberSchema.safeParse(m).success) &&
    g.custom_link_types.every((t) => CustomLinkTypeSchema.safeParse(t).success) &&
    g.grants.every((a) => AccessGrantSchema.safeParse(a).success) &&
    (g.calendar === undefined || WorkCalendarSchema.safeParse(g.calendar).success)
  );
}

const REQUIRED_NODE_KEYS = 15;
const NODE_KEYS: ReadonlySet<string> = new Set([
  'id',
  'display_id',
  'title',
  'description',
  'kind',
  'status',
  'dependent',
  'owner',
  'position',
  'tags',
  'priority',
  'version',
  'created_time',
  'last_edited_time',
  'in_trash',
  'due_date',
  'start_date',
  'estimate',
  'assignee',
]);
const LINK_KEYS: ReadonlySet<string> = new Set([
  'id',
  'display_id',
  'source',
  'target',
  'link_type',
  'custom_link_type',
  'type',
  'private',
  'owner',
  'was_blocker',
  'version',
  'in_trash',
  'created_by',
  'created_time',
  'modified_by',
  'modified_time',
]);
