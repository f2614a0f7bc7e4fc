/**
 * Builds a workspace from a format that lacks some of our fields (GraphML, JSON Canvas, CSV,
 * from us or from another tool). Each reader hands over what its file says; this fills the
 * rest with the defaults a new node or link gets in the app, validates what was given
 * (field by field: foreign-fields.ts), and maps the file's ids to UUIDs (keeping a file id
 * that already is one, so our own exports keep their ids).
 */
import { err, type Result } from '../model/result';
import { IsoTime, NODE_LIMITS } from '../model/schemas';
import {
  LINK_TYPES,
  NODE_KINDS,
  type CustomLinkType,
  type LinkRecord,
  type LinkType,
  type NodeKind,
  type NodeRecord,
} from '../model/types';
import { KIND_PREFIXES, LINK_TYPE_BY_FORWARD_NAME, defaultLinkKind } from './names';
import { IMPORT_LIMITS } from './limits';
import { checkGraphCounts } from './graph-counts';
import {
  DONE,
  fit,
  invalid,
  isFail,
  NO_PLANNING,
  parseLinkKind,
  parseStatus,
  planningOf,
  type Fail,
} from './foreign-fields';
import {
  exchangeError,
  type ExchangeError,
  type ExchangeGraph,
  type ImportContext,
  shown,
  type Where,
} from './types';

export { fit } from './foreign-fields';

/** What a reader found for one node; every field is optional. */
export interface ForeignNode {
  fileId?: string;
  title?: string;
  description?: string;
  kind?: string;
  status?: number | string;
  dependent?: boolean;
  x?: number;
  y?: number;
  tags?: string[];
  priority?: number;
  display_id?: string;
  version?: number;
  created_time?: string;
  last_edited_time?: string;
  in_trash?: boolean;
  /** [PL1] planning fields (checked with the model's own schemas). */
  due_date?: string | undefined;
  start_date?: string | undefined;
  estimate?: number | undefined;
  assignee?: string[] | undefined;
}

/** What a reader found for one link; `source` and `target` are ids as the file spells them. */
export interface ForeignLink {
  fileId?: string;
  source: string;
  target: string;
  /** A link type value (`is_parent_of`) or forward name (`is parent of`); empty: plain link. */
  link_type?: string;
  /** Name of the custom link type, for `custom_link`. */
  custom_type_name?: string;
  type?: number | string;
  private?: boolean;
  was_blocker?: boolean;
  version?: number;
  in_trash?: boolean;
  display_id?: string;
  created_time?: string;
  modified_time?: string;
}

/**
 * Read once: under the benchmarks' and the import worker's CommonJS transform (tsx) an
 * imported binding is a getter call per use, several per record otherwise.
 */
const LIMITS = NODE_LIMITS;
const PREFIXES = KIND_PREFIXES;
const linkKindOf = defaultLinkKind;

/** Layout for nodes without a position: a grid, 10 columns wide. */
const GRID = { columns: 10, dx: 280, dy: 160 } as const;

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KIND_SET: ReadonlySet<string> = new Set(NODE_KINDS);
const LINK_TYPE_SET: ReadonlySet<string> = new Set(LINK_TYPES);

const dangling = (where: Where, end: string, id: string): Fail =>
  err(
    exchangeError(
      'bad_request.import_dangling_reference',
      `${where}: ${end} ${shown(id)} is not a node of the file`,
    ),
  );
const duplicate = (where: Where, what: 'node' | 'link', id: string): Fail =>
  err(
    exchangeError('bad_request.import_duplicate_id', `${where}: duplicate ${what} id ${shown(id)}`),
  );

/**
 * Adds `key` to `set` and says whether it was new: one hash and probe where `has` then `add`
 * make two (at 100,000 nodes and 150,000 links, ~500,000 of them into sets that outgrow the
 * CPU's caches).
 */
function added<K>(set: Set<K>, key: K): boolean {
  const before = set.size;
  set.add(key);
  return set.size !== before;
}

export class ForeignGraphBuilder {
  private readonly nodes: NodeRecord[] = [];
  private readonly links: LinkRecord[] = [];
  private readonly customTypes = new Map<string, CustomLinkType>();
  /** File id (or, for a node the file gave none, its UUID) → UUID of each node read so far. */
  private readonly nodeIds = new Map<string, string>();
  /** The nodes' UUIDs. */
  private readonly usedNodeIds = new Set<string>();
  /** The links' UUIDs and file ids. */
  private readonly linkIds = new Set<string>();
  private readonly createdAt: string;

  constructor(private readonly ctx: ImportContext) {
    this.createdAt = ctx.now();
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  /**
   * A UUID for a record, added to `taken`: the file's own id when it is a UUID not taken yet,
   * else a new one. `fileTaken` says that the file id itself is already in `taken` (a link's
   * file ids are): then it is the record's id as it is, when already in lower case.
   */
  private mintId(fileId: string | undefined, taken: Set<string>, fileTaken = false): string {
    // The Uuid schema's own test, without zod's machinery around it (called per record).
    if (fileId !== undefined && UUID_TEXT.test(fileId)) {
      const id = fileId.toLowerCase();
      if (fileTaken && id === fileId) return id;
      if (added(taken, id)) return id;
    }
    const id = this.ctx.newId();
    taken.add(id);
    return id;
  }

  /** Times already found valid: a file's records mostly share a few (100,000 nodes, 2 each). */
  private readonly validTimes = new Set<string>();

  private checkTime(value: string | undefined, field: string, where: Where): string | Fail {
    if (value === undefined || value === '') return this.createdAt;
    if (this.validTimes.has(value)) return value;
    if (!IsoTime.safeParse(value).success) {
      return invalid(`${where}: ${field} ${shown(value)} is not an ISO 8601 date-time with offset`);
    }
    if (this.validTimes.size < 10_000) this.validTimes.add(value);
    return value;
  }

  /**
   * Adds a node, or refuses it and changes nothing. Its ids are claimed first (the refusal of a
   * duplicate comes before any other) and given back if a field is refused.
   */
  addNode(n: ForeignNode, where: Where): Result<void, ExchangeError> {
    const id = this.mintId(n.fileId, this.usedNodeIds);
    const key = n.fileId ?? id;
    // A file id kept as the node's UUID was new to usedNodeIds, so no node has it as its key
    // (a node's key is its file id, or its UUID when the file gave none): the common case,
    // our own exports, needs no look-up.
    if (key !== id && this.nodeIds.has(key)) {
      this.usedNodeIds.delete(id);
      return duplicate(where, 'node', key);
    }
    this.nodeIds.set(key, id);
    const refused = this.pushNode(n, id, where);
    if (refused !== undefined) {
      this.nodeIds.delete(key);
      this.usedNodeIds.delete(id);
      return refused;
    }
    return DONE;
  }

  private pushNode(n: ForeignNode, id: string, where: Where): Fail | undefined {
    const kind = n.kind === undefined || n.kind === '' ? 'task' : n.kind;
    if (!KIND_SET.has(kind)) {
      return invalid(`${where}: kind ${shown(kind)} is not one of ${NODE_KINDS.join(', ')}`);
    }
    const status = n.status === undefined || n.status === '' ? 0 : parseStatus(n.status, where);
    if (isFail(status)) return status;
    const priority = n.priority ?? 0;
    if (
      !Number.isInteger(priority) ||
      priority < LIMITS.priorityMin ||
      priority > LIMITS.priorityMax
    ) {
      return invalid(`${where}: priority ${priority} is not an integer from 0 to 9`);
    }
    const version = n.version ?? 1;
    if (!Number.isInteger(version) || version < 1) {
      return invalid(`${where}: version ${version} is not a positive integer`);
    }
    if (n.x !== undefined && !Number.isFinite(n.x)) {
      return invalid(`${where}: position x is not a finite number`);
    }
    if (n.y !== undefined && !Number.isFinite(n.y)) {
      return invalid(`${where}: position y is not a finite number`);
    }
    const created = this.checkTime(n.created_time, 'created_time', where);
    if (isFail(created)) return created;
    const edited = this.checkTime(n.last_edited_time, 'last_edited_time', where);
    if (isFail(edited)) return edited;
    const planning = planningOf(n, where);
    if (isFail(planning)) return planning;

    const index = this.nodes.length;
    const displayId =
      n.display_id !== undefined && n.display_id.length >= 1 && n.display_id.length <= 40
        ? n.display_id
        : `${PREFIXES[kind as NodeKind]}-${index + 1}`;
    this.nodes.push({
      id,
      display_id: displayId,
      title: fit(n.title ?? '', LIMITS.title),
      description: fit(n.description ?? '', LIMITS.description),
      kind: kind as NodeKind,
      status,
      dependent: n.dependent ?? true,
      owner: this.ctx.owner.id,
      position: {
        x: n.x ?? (index % GRID.columns) * GRID.dx,
        y: n.y ?? Math.floor(index / GRID.columns) * GRID.dy,
      },
      tags:
        n.tags === undefined || n.tags.length === 0
          ? []
          : n.tags.slice(0, LIMITS.tags).map((t) => fit(t, LIMITS.tag)),
      priority,
      version,
      created_time: created,
      last_edited_time: edited,
      in_trash: n.in_trash ?? false,
    });
    // Planning fields are rare; a spread of an empty object would build every record slowly.
    if (planning !== NO_PLANNING) Object.assign(this.nodes[index] as NodeRecord, planning);
    return undefined;
  }

  /** The workspace's custom link type with this name, created on first use. */
  private customTypeNamed(name: string): string {
    const existing = this.customTypes.get(name);
    if (existing) return existing.id;
    const type: CustomLinkType = {
      id: this.ctx.newId(),
      name: fit(name, 80),
      forward_name: fit(name, 80),
      backward_name: fit(name, 80),
      source_types: [...NODE_KINDS],
      target_types: [...NODE_KINDS],
      blocker: 'source',
      is_deprecated: false,
    };
    this.customTypes.set(name, type);
    return type.id;
  }

  addLink(l: ForeignLink, where: Where): Result<void, ExchangeError> {
    const source = this.nodeIds.get(l.source);
    const target = this.nodeIds.get(l.target);
    if (source === undefined) return dangling(where, 'source', l.source);
    if (target === undefined) return dangling(where, 'target', l.target);
    // A link from a node to itself is the engine's to refuse, like every other link rule.

    const typeText = (l.link_type ?? '').trim();
    let linkType: LinkType | undefined;
    if (typeText !== '') {
      linkType = LINK_TYPE_SET.has(typeText)
        ? (typeText as LinkType)
        : LINK_TYPE_BY_FORWARD_NAME.get(typeText.toLowerCase());
      if (linkType === undefined)
        return invalid(`${where}: link_type ${shown(typeText)} is not a link type`);
    }
    const customName = (l.custom_type_name ?? '').trim();
    if (customName !== '' && linkType === undefined) linkType = 'custom_link';
    const kind =
      l.type === undefined || l.type === '' ? linkKindOf(linkType) : parseLinkKind(l.type, where);
    if (isFail(kind)) return kind;
    const version = l.version ?? 1;
    if (!Number.isInteger(version) || version < 1) {
      return invalid(`${where}: version ${version} is not a positive integer`);
    }
    const created = this.checkTime(l.created_time, 'created_time', where);
    if (isFail(created)) return created;
    const modified = this.checkTime(l.modified_time, 'modified_time', where);
    if (isFail(modified)) return modified;
    // Nothing below refuses: the ids are claimed last, with one set operation each.
    const fileId = l.fileId === '' ? undefined : l.fileId;
    if (fileId !== undefined && !added(this.linkIds, fileId)) {
      return duplicate(where, 'link', fileId);
    }
    const id = this.mintId(fileId, this.linkIds, fileId !== undefined);
    const me = this.ctx.owner.id;
    // Key order is the engine's to set (it rebuilds every record in schema order on load).
    const rec: LinkRecord = {
      id,
      display_id:
        l.display_id !== undefined && l.display_id.length >= 1 && l.display_id.length <= 40
          ? l.display_id
          : `LNK-${this.links.length + 1}`,
      source,
      target,
      type: kind,
      private: l.private ?? false,
      owner: me,
      was_blocker: l.was_blocker ?? false,
      version,
      in_trash: l.in_trash ?? false,
      created_by: me,
      created_time: created,
      modified_by: me,
      modified_time: modified,
    };
    if (linkType !== undefined) rec.link_type = linkType;
    if (linkType === 'custom_link') {
      rec.custom_link_type = this.customTypeNamed(customName || 'custom link');
    }
    this.links.push(rec);
    return DONE;
  }

  build(name?: string): Result<ExchangeGraph, ExchangeError> {
    return checkGraphCounts(
      {
        ...(name === undefined || name === '' ? {} : { name: fit(name, 200) }),
        nodes: this.nodes,
        links: this.links,
        custom_link_types: [...this.customTypes.values()],
        members: [this.ctx.owner],
        owner: this.ctx.owner.id,
        grants: [],
      },
      this.ctx.limits ?? IMPORT_LIMITS,
    );
  }
}
