/**
 * A workspace as JSON, losslessly, and back (the exchange form, version 1: what export and
 * import use). Loading validates every record with the zod record schemas, checks that
 * references hold together (snapshot-build.ts), rebuilds every index and the topological
 * order, and recomputes derived statuses. A hostile or inconsistent snapshot is an error
 * value, never a throw. `fromSnapshot` also reads the store's compact form (version 2,
 * stored-snapshot.ts).
 */
import { z } from 'zod';
import type {
  AccessGrant,
  CustomLinkType,
  LinkRecord,
  Member,
  NodeRecord,
  WorkCalendar,
} from '../model/types';
import { err, ok, type Result } from '../model/result';
import {
  AccessGrantSchema,
  CustomLinkTypeSchema,
  LinkRecordSchema,
  MemberSchema,
  NodeRecordSchema,
  Uuid,
  WorkCalendarSchema,
} from '../model/schemas';
import { BatchSchema, type Batch } from './batch';
import { DEFAULT_HISTORY_LIMIT } from './constants';
import { linkError, type LinkError } from './errors';
import { compactLink, compactNode } from './records';
import { SnapshotDefect, StateBuilder } from './snapshot-build';
import { emptyState, type WorkspaceState } from './state';
import { drain, RECORDS_PER_STEP, type Steps } from './steps';
import {
  decodeStoredSteps,
  STORED_VERSION,
  storedToExchange,
  type StoredSnapshot,
} from './stored-snapshot';

export const SNAPSHOT_FORMAT = 'linkgraph.workspace';

export interface WorkspaceSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: 1;
  owner: string;
  members: Member[];
  nodes: NodeRecord[];
  /** Blocked nodes that return to InProgress (1), Available (0) or Completed (3) when
   * unblocked [N2]. */
  resume_status: Record<string, 0 | 1 | 3>;
  links: LinkRecord[];
  link_types: CustomLinkType[];
  grants: AccessGrant[];
  /** Display-id prefix → last number issued. */
  counters: Record<string, number>;
  history: { limit: number; batches: Batch[]; undone: string[] };
  /** [PL1] The workspace calendar; absent when none was set (older snapshots too). */
  calendar?: WorkCalendar;
}

export const WorkspaceSnapshotSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(1),
  owner: Uuid,
  members: z.array(MemberSchema).min(1),
  nodes: z.array(NodeRecordSchema),
  resume_status: z.record(Uuid, z.union([z.literal(0), z.literal(1), z.literal(3)])),
  links: z.array(LinkRecordSchema),
  link_types: z.array(CustomLinkTypeSchema),
  grants: z.array(AccessGrantSchema),
  counters: z.record(z.string().max(40), z.number().int().min(0)),
  history: z.strictObject({
    limit: z.number().int().min(1).max(1_000_000),
    batches: z.array(BatchSchema),
    undone: z.array(Uuid),
  }),
  calendar: WorkCalendarSchema.optional(),
});

export interface CreateOptions {
  owner: Member;
  historyLimit?: number;
}

export function createWorkspace(o: CreateOptions): WorkspaceState {
  return emptyState(o.owner, o.historyLimit ?? DEFAULT_HISTORY_LIMIT);
}

export function toSnapshot(state: WorkspaceState): WorkspaceSnapshot {
  const nodes: NodeRecord[] = [];
  const resume: Record<string, 0 | 1 | 3> = {};
  for (const n of state.nodes.values()) {
    nodes.push(n.rec);
    if (n.rec.status === 2) resume[n.rec.id] = n.base;
  }
  const grants: AccessGrant[] = [];
  for (const mine of state.grants.values()) for (const g of mine.values()) grants.push(g);
  return {
    format: SNAPSHOT_FORMAT,
    version: 1,
    owner: state.ownerId,
    members: [...state.members.values()],
    nodes,
    resume_status: resume,
    links: [...state.links.values()].map((l) => l.rec),
    link_types: [...state.linkTypes.values()],
    grants,
    counters: Object.fromEntries(state.counters),
    history: {
      limit: state.history.limit,
      batches: [...state.history.batches],
      undone: [...state.history.undone],
    },
    ...(state.calendar ? { calendar: state.calendar } : {}),
  };
}

const bad = (message: string) => err(linkError('bad_request.invalid_snapshot', message));

export interface LoadOptions {
  /**
   * The snapshot comes from the workspace's own checksummed files, written by this engine:
   * skip the per-record schema check (most of the load time on a large workspace) and keep
   * only the structural checks of `buildSteps`. Records from outside are schema-checked once: a
   * native import's by the importer with these same schemas (electron/service/prepare-import.ts
   * then loads them trusted), every other format's by this load.
   */
  trusted?: boolean;
}

export function fromSnapshot(
  input: unknown,
  options: LoadOptions = {},
): Result<WorkspaceState, LinkError> {
  return drain(fromSnapshotSteps(input, options));
}

/**
 * `fromSnapshot` in steps (steps.ts): the load of a workspace's own stored form — what opening
 * it does, most of a second of work at 100,000 nodes — yields every few thousand records, so
 * the app can answer between them; the other forms load in one step.
 */
export function* fromSnapshotSteps(
  input: unknown,
  options: LoadOptions = {},
): Steps<Result<WorkspaceState, LinkError>> {
  const head = input as Partial<WorkspaceSnapshot | StoredSnapshot> | null;
  if (head?.format === SNAPSHOT_FORMAT && head.version === STORED_VERSION) {
    const stored = head as StoredSnapshot;
    if (options.trusted) return yield* buildWithSteps(stored, (b) => decodeStoredSteps(stored, b));
    // From outside: expand to the exchange form and check every record like any import.
    let expanded: WorkspaceSnapshot;
    try {
      expanded = storedToExchange(stored);
    } catch (e) {
      return bad(e instanceof Error ? e.message : String(e));
    }
    return fromSnapshot(expanded);
  }
  if (options.trusted) {
    const v1 = head as Partial<WorkspaceSnapshot> | null;
    if (
      v1?.format !== SNAPSHOT_FORMAT ||
      v1.version !== 1 ||
      !Array.isArray(v1.nodes) ||
      !Array.isArray(v1.links)
    ) {
      return bad('Not a workspace snapshot.');
    }
    return yield* buildSteps(v1 as WorkspaceSnapshot);
  }
  const parsed = WorkspaceSnapshotSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return bad(`Invalid snapshot at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  return yield* buildSteps(parsed.data as WorkspaceSnapshot);
}

/**
 * JSON.parse gives every occurrence of a string its own copy: on a 200,000-link graph the
 * repeated member ids and timestamps weigh more than the graph. Loading shares one copy.
 */
function interner(): <T extends string>(s: T) => T {
  const seen = new Map<string, string>();
  return <T extends string>(s: T): T => {
    const known = seen.get(s) as T | undefined;
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

/**
 * The exchange form built into a state, in steps: a yield every RECORDS_PER_STEP records. A
 * team workspace's imported plan is a genesis in this form, and its first open was one step
 * of ~1.5 s at 100,000 nodes (docs/store.md, "The rest of the first open in turns").
 */
function buildSteps(s: WorkspaceSnapshot): Steps<Result<WorkspaceState, LinkError>> {
  return buildWithSteps(s, function* (b) {
    const share = interner();
    let seen = 0;
    for (const parsed of s.nodes) {
      if (++seen % RECORDS_PER_STEP === 0) yield;
      const rec = compactNode(parsed, share);
      b.addNode(rec, rec.status === 2 ? (s.resume_status[rec.id] ?? 0) : rec.status);
    }
    const nodes = b.state.nodes;
    for (const parsed of s.links) {
      if (++seen % RECORDS_PER_STEP === 0) yield;
      const src = nodes.get(parsed.source);
      const tgt = nodes.get(parsed.target);
      // Its member ids, times and type names shared (JSON.parse gave every `"is_related_to"`
      // its own copy: heap snapshot), its ends the nodes' own id strings, taken from the nodes
      // found rather than from the interner (which then holds no node ids: 100,000 fewer
      // entries and 300,000 fewer look-ups at 100,000 nodes; loads 5–12% faster: docs/exchange.md, seventeenth session).
      const rec = compactLink(
        parsed,
        share,
        src?.rec.id ?? parsed.source,
        tgt?.rec.id ?? parsed.target,
      );
      b.addLink(rec, src, tgt);
    }
  });
}

/**
 * Runs a decoder against a StateBuilder for the snapshot's head and tail: the builder's
 * refusals become `bad_request.invalid_snapshot`, anything else thrown an engine error.
 */
export function buildWith(
  s: SnapshotHeadAndTail,
  decode: (b: StateBuilder) => void,
): Result<WorkspaceState, LinkError> {
  return drain(
    // eslint-disable-next-line require-yield -- one step: the decoder runs to its end
    buildWithSteps(s, function* (b) {
      decode(b);
    }),
  );
}

type SnapshotHeadAndTail = Omit<
  WorkspaceSnapshot,
  'nodes' | 'links' | 'resume_status' | 'format' | 'version'
>;

/** `buildWith` with a decoder in steps, and a step before the builder's finish. */
function* buildWithSteps(
  s: SnapshotHeadAndTail,
  decode: (b: StateBuilder) => Steps<void>,
): Steps<Result<WorkspaceState, LinkError>> {
  try {
    const b = new StateBuilder({
      owner: s.owner,
      members: s.members,
      link_types: s.link_types,
      historyLimit: s.history.limit,
    });
    yield* decode(b);
    yield;
    return ok(yield* b.finishSteps(s));
  } catch (e) {
    if (e instanceof SnapshotDefect) {
      if (e.defect) {
        return err(linkError('bad_request.invalid_snapshot', e.message, { defect: e.defect }));
      }
      if (!e.rule || e.link === undefined) return bad(e.message);
      return err(
        linkError('bad_request.invalid_snapshot', e.message, {
          rule: e.rule.code,
          object_ids: [e.link, ...(e.rule.object_ids ?? [])],
        }),
      );
    }
    return err(linkError('internal.engine_error', `Could not load snapshot: ${String(e)}`));
  }
}
