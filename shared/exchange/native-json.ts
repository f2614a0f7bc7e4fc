/**
 * Native JSON: the lossless format. Exporting then importing gives back the same workspace —
 * ids, versions, statuses, trash, custom link types, members and grants — because the file is
 * the records themselves, checked on the way in with the model's own zod schemas. Their ids and
 * references are checked where every workspace's are, by the engine's load
 * (electron/service/prepare-import.ts).
 */
import { z } from 'zod';
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
import { joinPieces, prettyJsonPieces, type Pieces } from './pieces';
import { recordsPass } from './record-precheck';
import { parseJsonSafely } from './json-guard';
import type { LinkRecord, NodeRecord } from '../model/types';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import { checkRecordCounts } from './graph-counts';
import { exchangeError, type ExchangeError, type ExchangeGraph } from './types';
import { describeZodError } from './zod-message';

export const NATIVE_FORMAT = 'linkgraph';
export const NATIVE_VERSION = 1;
const MAX_NAME_CHARS = 200;

const NativeFileSchema = z.strictObject({
  format: z.literal(NATIVE_FORMAT),
  version: z.literal(NATIVE_VERSION),
  name: z.string().max(MAX_NAME_CHARS).optional(),
  owner: Uuid,
  members: z.array(MemberSchema),
  custom_link_types: z.array(CustomLinkTypeSchema),
  nodes: z.array(NodeRecordSchema),
  links: z.array(LinkRecordSchema),
  grants: z.array(AccessGrantSchema),
  calendar: WorkCalendarSchema.optional(),
});

/** The file with its nodes and links left for the record pre-check (record-precheck.ts). */
const LightFileSchema = NativeFileSchema.extend({
  nodes: z.array(z.unknown()),
  links: z.array(z.unknown()),
});

/** The whole graph, records as they are, pretty-printed so a diff of two exports is readable. */
export function* nativeJsonPieces(graph: ExchangeGraph, pieceChars?: number): Pieces {
  const file: z.input<typeof NativeFileSchema> = {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    ...(graph.name === undefined ? {} : { name: graph.name }),
    owner: graph.owner,
    members: graph.members,
    custom_link_types: graph.custom_link_types,
    nodes: graph.nodes,
    links: graph.links,
    grants: graph.grants,
    ...(graph.calendar ? { calendar: graph.calendar } : {}),
  };
  yield* prettyJsonPieces(file, pieceChars);
  yield '\n';
}

export const exportNativeJson = (graph: ExchangeGraph): string =>
  joinPieces(nativeJsonPieces(graph));

const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

export function importNativeJson(
  text: string,
  limits: ImportLimits = IMPORT_LIMITS,
): Result<ExchangeGraph, ExchangeError> {
  const what = 'Linkgraph JSON file';
  const parsed = parseJsonSafely(text, what, limits.bytes);
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err(exchangeError('bad_request.import_invalid', `${what}: expected a JSON object`));
  }
  // Count before validating, so a bomb of a million small records is refused without work.
  const record = raw as Record<string, unknown>;
  const counts = checkRecordCounts(
    {
      nodes: lengthOf(record.nodes),
      links: lengthOf(record.links),
      members: lengthOf(record.members),
      grants: lengthOf(record.grants),
      customLinkTypes: lengthOf(record.custom_link_types),
    },
    what,
    limits,
  );
  if (!counts.ok) return counts;
  // Nodes and links, 250,000 records at 100,000 nodes, are checked by the pre-check compiled from the schemas; the
  // rest of the file (and every file the checker is not sure of) by the schema itself.
  const light = LightFileSchema.safeParse(raw);
  if (light.success) {
    const { nodes, links } = light.data;
    if (recordsPass(nodes, links)) {
      const { format: _f, version: _v, ...rest } = light.data;
      return ok({ ...rest, nodes: nodes as NodeRecord[], links: links as LinkRecord[] });
    }
  }
  const file = NativeFileSchema.safeParse(raw);
  if (!file.success) {
    return err(exchangeError('bad_request.import_invalid', describeZodError(file.error, what)));
  }
  const { format: _format, version: _version, ...graph } = file.data;
  return ok(graph);
}
