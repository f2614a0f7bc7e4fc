/**
 * Turning an imported file into the snapshot of a new workspace: run the pure importer, make
 * the result belong to the person importing, load it with the engine (every record checked
 * with the zod schemas, statuses recomputed, broken graphs refused) and check every link
 * against the engine's own link rules (`checkGraphRules`). No I/O: this runs on the import
 * worker thread (import-into-folder.ts), or in the caller's thread when asked.
 */
import type { ServiceError } from '../../shared/contract/errors';
import type { MethodParams } from '../../shared/contract/methods';
import {
  checkGraphRules,
  DEFAULT_HISTORY_LIMIT,
  fromSnapshot,
  SNAPSHOT_FORMAT,
  type LinkError,
  type WorkspaceSnapshot,
  type WorkspaceState,
} from '../../shared/engine';
import type { ExchangeError, ExchangeGraph } from '../../shared/exchange';
import { importFeed, type ImportFeed } from '../../shared/exchange/import-feed';
import { importContext } from './import-context';
import { graphRecordsPass } from '../../shared/exchange/record-precheck';
import { err, ok, type Result } from '../../shared/model/result';
import type { LinkRecord, Member } from '../../shared/model/types';

const MAX_WORKSPACE_NAME = 200;

/** What an import needs besides the file itself. */
export interface ImportSetup {
  format: MethodParams<'import'>['format'];
  name?: string | undefined;
  profile: Member;
  /**
   * The file was decoded from bytes already counted against MAX_IMPORT_BYTES (run-import.ts):
   * the file's size is known, so its text is not measured again (counting the UTF-8 length of
   * a 150 MB text is 0.15–0.3 s of the worker's time).
   */
  bytesCounted?: boolean | undefined;
}

export interface ImportJob extends ImportSetup {
  content: string;
}

export interface PreparedImport {
  /** The new workspace, loaded and checked by the engine. */
  state: WorkspaceState;
  workspaceName: string;
}

/** Starts reading the file, which is then given in slices as it arrives (import-feed.ts). */
export function startImport(setup: ImportSetup): ImportFeed {
  return importFeed(setup.format, importContext(setup), setup.bytesCounted === true);
}

/** The whole file in one text: `startImport`, one slice, `prepareImported`. */
export function prepareImport(job: ImportJob): Result<PreparedImport, ServiceError> {
  const feed = startImport(job);
  feed.write(job.content);
  return prepareImported(job, feed.end());
}

/** The new workspace from the file's graph, once the whole file is read. */
export function prepareImported(
  setup: ImportSetup,
  imported: Result<ExchangeGraph, ExchangeError>,
): Result<PreparedImport, ServiceError> {
  const { format, name, profile } = setup;
  if (!imported.ok) return imported;
  const graph = ownedBy(imported.value, profile);
  // A native file's records were checked by the model's own schemas in the importer
  // (native-json.ts), the ones the engine's load would check them with again: checking 250,000
  // records twice is seconds at 100,000 nodes. The other formats' builder makes records from
  // checked fields; the pre-check compiled from the schemas (record-precheck.ts) confirms the schemas accept every one,
  // and only a graph it is not sure of is loaded with the schemas (and refused in their
  // words). The engine's structural checks (references, self-links, custom types, [C2] cycles)
  // run either way.
  const trusted = format === 'json' || graphRecordsPass(graph);
  const loaded = fromSnapshot(snapshotOf(graph), { trusted });
  if (!loaded.ok) {
    const e = loaded.error;
    // An id given twice or a reference to nothing: the engine's check, the import's words.
    if (e.defect) {
      return err({
        code: `bad_request.import_${e.defect}`,
        message: `The file cannot become a workspace: ${e.message}`,
      });
    }
    // A link that breaks a rule the snapshot itself refuses (self-link, custom type, [C2]).
    const link = e.rule ? graph.links.find((l) => l.id === e.object_ids?.[0]) : undefined;
    if (link && e.rule) {
      const message = e.message.replace(`Link ${link.id}: `, '');
      const refusal = { code: e.rule, message, object_ids: e.object_ids?.slice(1) ?? [] };
      return err(breaksRules(link, graph, refusal));
    }
    return err({
      code: 'bad_request.import_breaks_rules',
      message: `The file cannot become a workspace: ${e.message}`,
    });
  }
  const broken = checkGraphRules(loaded.value);
  if (broken) return err(breaksRules(broken.link.rec, graph, broken.error));
  const title = (name ?? imported.value.name ?? '').trim().slice(0, MAX_WORKSPACE_NAME);
  const workspaceName = title || `Imported ${format} ${new Date().toISOString().slice(0, 10)}`;
  return ok({ state: loaded.value, workspaceName });
}

/**
 * A refused file: `bad_request.import_breaks_rules`, naming the link (its display id, its ends
 * and type) and carrying the engine's refusal of it — its code as `rule`, its extras, and the
 * link's id first in `object_ids`.
 */
function breaksRules(
  link: LinkRecord,
  graph: ExchangeGraph,
  rule: Pick<LinkError, 'code' | 'message' | 'object_ids' | 'existing_parent' | 'is_same'>,
): ServiceError {
  const title = (id: string) => graph.nodes.find((n) => n.id === id)?.display_id ?? id;
  const type =
    link.link_type === 'custom_link'
      ? (graph.custom_link_types.find((t) => t.id === link.custom_link_type)?.name ?? 'custom')
      : (link.link_type ?? 'plain');
  const ids = [link.id, ...(rule.object_ids ?? []).filter((id) => id !== link.id)];
  return {
    code: 'bad_request.import_breaks_rules',
    message:
      `The file cannot become a workspace: link ${link.display_id} ` +
      `(${title(link.source)} → ${title(link.target)}, ${type}) breaks a rule: ${rule.message}`,
    rule: rule.code,
    object_ids: ids,
    ...(rule.existing_parent !== undefined ? { existing_parent: rule.existing_parent } : {}),
    ...(rule.is_same !== undefined ? { is_same: rule.is_same } : {}),
  };
}

/**
 * The imported graph, owned by the person importing: the file's owner member — and any member
 * of the file that already is the profile (same id or same email, as emails are unique) —
 * becomes the profile, in every reference. Grants to the profile are dropped: the workspace
 * owner owns every node anyway. Foreign formats already name the profile (ctx.owner).
 */
function ownedBy(graph: ExchangeGraph, profile: Member): ExchangeGraph {
  const email = profile.email.toLowerCase();
  const merged = new Set([graph.owner, profile.id]);
  for (const m of graph.members) if (m.email.toLowerCase() === email) merged.add(m.id);
  const to = (id: string): string => (merged.has(id) ? profile.id : id);
  return {
    ...graph,
    owner: profile.id,
    members: [profile, ...graph.members.filter((m) => !merged.has(m.id))],
    // Records that already name the profile (all of them, from a foreign format) are kept as
    // they are: copying 250,000 records for nothing is a second of GC at 100,000 nodes.
    nodes: graph.nodes.map((n) => (to(n.owner) !== n.owner ? { ...n, owner: profile.id } : n)),
    links: graph.links.map((l) =>
      to(l.owner) !== l.owner ||
      to(l.created_by) !== l.created_by ||
      to(l.modified_by) !== l.modified_by
        ? { ...l, owner: to(l.owner), created_by: to(l.created_by), modified_by: to(l.modified_by) }
        : l,
    ),
    grants: graph.grants.filter((g) => !merged.has(g.member)),
  };
}

/**
 * A fresh workspace snapshot of the graph: no history (the file's past is not this
 * workspace's), counters rebuilt by the engine from the display ids. A Blocked node's status
 * to return to is not in any file format, so it resumes as Available ([N2]).
 */
function snapshotOf(graph: ExchangeGraph): WorkspaceSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: 1,
    owner: graph.owner,
    members: graph.members,
    nodes: graph.nodes,
    resume_status: {},
    links: graph.links,
    link_types: graph.custom_link_types,
    grants: graph.grants,
    counters: {},
    history: { limit: DEFAULT_HISTORY_LIMIT, batches: [], undone: [] },
    ...(graph.calendar ? { calendar: graph.calendar } : {}),
  };
}
