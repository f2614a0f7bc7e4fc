/**
 * The input and output of every exporter and importer (SPEC §5). Exporters take a graph that
 * the service has already filtered to what one member may see ([F1] "as seen by"); importers
 * return a new graph and never touch the open workspace.
 */
import type {
  AccessGrant,
  CustomLinkType,
  LinkRecord,
  Member,
  NodeRecord,
  WorkCalendar,
} from '../model/types';
import type { ScheduleView } from '../engine/plan/plan-queries';
import type { ImportLimits } from './limits';

export interface ExchangeGraph {
  /** Workspace name, when the format carries one. */
  name?: string;
  nodes: NodeRecord[];
  links: LinkRecord[];
  custom_link_types: CustomLinkType[];
  members: Member[];
  /** Member id of the workspace owner (the person using the app). */
  owner: string;
  grants: AccessGrant[];
  /** [PL1] The workspace calendar (native JSON only; absent: none set). */
  calendar?: WorkCalendar;
  /**
   * [PL5] The schedule as the exporting member sees it (the `plan.schedule` answer), for the
   * exports of the plan (Mermaid gantt, iCalendar); the service adds it only for those.
   */
  schedule?: ScheduleView;
}

/**
 * What an importer needs from its caller. Imports are pure: ids and times come from here, so a
 * test can replay an import exactly and the importer holds no randomness or clock of its own.
 */
export interface ImportContext {
  /** A fresh UUID v4 per call. */
  newId: () => string;
  /** The current time, ISO 8601 with offset (e.g. `2026-01-02T03:04:05.000Z`). */
  now: () => string;
  /**
   * The person importing. Formats that carry no members (GraphML, Canvas, CSV) produce a
   * workspace owned by this member, and every member reference in them becomes this member.
   */
  owner: Member;
  /**
   * The size and count limits to apply; IMPORT_LIMITS when left out (as the service does).
   * Tests narrow them to check the limit logic on small files.
   */
  limits?: ImportLimits;
}

/** [E1] `namespace.reason` codes of the errors an import can answer (all 400s). */
export type ExchangeErrorCode =
  | 'bad_request.import_too_large'
  | 'bad_request.import_too_deep'
  | 'bad_request.import_malformed'
  | 'bad_request.import_unsafe'
  | 'bad_request.import_invalid'
  | 'bad_request.import_duplicate_id'
  | 'bad_request.import_dangling_reference';

export interface ExchangeError {
  code: ExchangeErrorCode;
  /** Human message naming the problem and where it is (record, row, field). */
  message: string;
}

export const exchangeError = (code: ExchangeErrorCode, message: string): ExchangeError => ({
  code,
  message,
});

/** A value from a file, quoted and cut short, for an error message (files may hold huge text). */
export function shown(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}\u2026` : text);
}

/**
 * Where in a file a record is, for error messages: a string, or an object that words it only
 * when a message needs it (a 100,000-node file would otherwise word 250,000 places for nothing).
 */
export type Where = string | { toString(): string };
