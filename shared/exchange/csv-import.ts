/**
 * CSV import: a nodes file and an optional links file, or one combined text (the nodes table,
 * one empty line, the links table — what exportCsvCombined writes). Columns are found by
 * header name, in any order; unknown columns are ignored. Nodes need a `title` or `id`
 * column; links need `source` and `target`, which name nodes by the nodes file's `id`
 * (or, without an `id` column, its `display_id`). Owners are the importing member.
 */
import { err, ok, type Result } from '../model/result';
import { isBlankRecord, parseCsv, unguardFormula } from './csv-format';
import { parseBool, parseList, parseNumber, parseTags } from './field-parse';
import { ForeignGraphBuilder, type ForeignLink, type ForeignNode } from './foreign-graph';
import { IMPORT_LIMITS } from './limits';
import { checkInputSize } from './text';
import {
  exchangeError,
  type ExchangeError,
  type ExchangeGraph,
  type ImportContext,
  shown,
} from './types';

export type CsvInput = string | { nodes: string; links?: string };

/** One table: header → column index, and the data rows with the formula guard removed. */
interface Table {
  columns: Map<string, number>;
  rows: string[][];
  what: string;
}

function toTable(records: string[][], what: string): Result<Table, ExchangeError> {
  const body = records.filter((r) => !isBlankRecord(r));
  const header = body.shift();
  if (header === undefined) return ok({ columns: new Map(), rows: [], what });
  const columns = new Map<string, number>();
  for (const [i, raw] of header.entries()) {
    const name = raw.trim().toLowerCase();
    if (columns.has(name)) {
      return err(
        exchangeError('bad_request.import_invalid', `${what}: column ${shown(name)} appears twice`),
      );
    }
    columns.set(name, i);
  }
  for (const [i, row] of body.entries()) {
    if (row.length !== header.length) {
      return err(
        exchangeError(
          'bad_request.import_malformed',
          `${what}, row ${i + 1}: ${row.length} cells where the header has ${header.length}`,
        ),
      );
    }
  }
  return ok({ columns, rows: body.map((r) => r.map(unguardFormula)), what });
}

const cell = (t: Table, row: string[], name: string): string => {
  const i = t.columns.get(name);
  return i === undefined ? '' : (row[i] ?? '');
};
const optional = (text: string): string | undefined => (text === '' ? undefined : text);

function readNode(t: Table, row: string[], where: string): Result<ForeignNode, ExchangeError> {
  const numbers: Record<string, number | undefined> = {};
  for (const field of ['x', 'y', 'priority', 'version', 'estimate']) {
    const parsed = parseNumber(cell(t, row, field), field, where);
    if (!parsed.ok) return parsed;
    numbers[field] = parsed.value;
  }
  const dependent = parseBool(cell(t, row, 'dependent'), 'dependent', where);
  if (!dependent.ok) return dependent;
  const inTrash = parseBool(cell(t, row, 'in_trash'), 'in_trash', where);
  if (!inTrash.ok) return inTrash;
  const tags = parseTags(cell(t, row, 'tags'), where);
  if (!tags.ok) return tags;
  const assignee = parseList(cell(t, row, 'assignee'), 'assignee', where);
  if (!assignee.ok) return assignee;
  const key = t.columns.has('id') ? cell(t, row, 'id') : cell(t, row, 'display_id');
  return ok({
    fileId: key === '' ? undefined : key,
    title: cell(t, row, 'title'),
    description: cell(t, row, 'description'),
    kind: optional(cell(t, row, 'kind')),
    status: optional(cell(t, row, 'status')) ?? optional(cell(t, row, 'status_name')),
    dependent: dependent.value,
    x: numbers.x,
    y: numbers.y,
    tags: tags.value,
    priority: numbers.priority,
    display_id: optional(cell(t, row, 'display_id')),
    version: numbers.version,
    created_time: optional(cell(t, row, 'created_time')),
    last_edited_time: optional(cell(t, row, 'last_edited_time')),
    in_trash: inTrash.value,
    due_date: optional(cell(t, row, 'due_date').trim()),
    start_date: optional(cell(t, row, 'start_date').trim()),
    estimate: numbers.estimate,
    assignee: assignee.value,
  });
}

function readLink(t: Table, row: string[], where: string): Result<ForeignLink, ExchangeError> {
  const flags: Record<string, boolean | undefined> = {};
  for (const field of ['private', 'was_blocker', 'in_trash']) {
    const parsed = parseBool(cell(t, row, field), field, where);
    if (!parsed.ok) return parsed;
    flags[field] = parsed.value;
  }
  const version = parseNumber(cell(t, row, 'version'), 'version', where);
  if (!version.ok) return version;
  return ok({
    fileId: optional(cell(t, row, 'id')),
    source: cell(t, row, 'source'),
    target: cell(t, row, 'target'),
    link_type: cell(t, row, 'link_type'),
    custom_type_name: cell(t, row, 'custom_link_type_name'),
    type: optional(cell(t, row, 'type')) ?? optional(cell(t, row, 'type_name')),
    private: flags.private,
    was_blocker: flags.was_blocker,
    version: version.value,
    in_trash: flags.in_trash,
    display_id: optional(cell(t, row, 'display_id')),
    created_time: optional(cell(t, row, 'created_time')),
    modified_time: optional(cell(t, row, 'modified_time')),
  });
}

/** Splits a combined text at its first empty line into the nodes and links tables. */
function splitCombined(records: string[][]): [string[][], string[][]] {
  const blank = records.findIndex((r, i) => i > 0 && isBlankRecord(r));
  return blank < 0 ? [records, []] : [records.slice(0, blank), records.slice(blank + 1)];
}

export function importCsv(
  input: CsvInput,
  ctx: ImportContext,
): Result<ExchangeGraph, ExchangeError> {
  const parts = typeof input === 'string' ? { combined: input } : input;
  const { bytes, nodes: maxNodes, links: maxLinks } = ctx.limits ?? IMPORT_LIMITS;
  let nodeRecords: string[][];
  let linkRecords: string[][];
  if ('combined' in parts) {
    const size = checkInputSize(parts.combined, 'CSV file', bytes);
    if (!size.ok) return size;
    // Room for the headers, the blank line and one row over a limit, which the count below
    // then names exactly; a file far over stops parsing there.
    const all = parseCsv(parts.combined, 'CSV file', maxNodes + maxLinks + 4);
    if (!all.ok) return all;
    [nodeRecords, linkRecords] = splitCombined(all.value);
  } else {
    const nodeSize = checkInputSize(parts.nodes + (parts.links ?? ''), 'CSV files', bytes);
    if (!nodeSize.ok) return nodeSize;
    const nodesParsed = parseCsv(parts.nodes, 'Nodes CSV', maxNodes + 2);
    if (!nodesParsed.ok) return nodesParsed;
    const linksParsed = parseCsv(parts.links ?? '', 'Links CSV', maxLinks + 2);
    if (!linksParsed.ok) return linksParsed;
    nodeRecords = nodesParsed.value;
    linkRecords = linksParsed.value;
  }
  const nodes = toTable(nodeRecords, 'Nodes CSV');
  if (!nodes.ok) return nodes;
  const links = toTable(linkRecords, 'Links CSV');
  if (!links.ok) return links;
  if (nodes.value.rows.length > maxNodes || links.value.rows.length > maxLinks) {
    return err(
      exchangeError(
        'bad_request.import_too_large',
        `CSV has ${nodes.value.rows.length} nodes and ${links.value.rows.length} links; the limits are ${maxNodes} nodes and ${maxLinks} links`,
      ),
    );
  }
  const nt = nodes.value;
  if (nt.rows.length > 0 && !nt.columns.has('title') && !nt.columns.has('id')) {
    return err(
      exchangeError('bad_request.import_invalid', 'Nodes CSV needs a "title" or "id" column'),
    );
  }
  const lt = links.value;
  if (lt.rows.length > 0 && !(lt.columns.has('source') && lt.columns.has('target'))) {
    return err(
      exchangeError('bad_request.import_invalid', 'Links CSV needs "source" and "target" columns'),
    );
  }

  const builder = new ForeignGraphBuilder(ctx);
  for (const [i, row] of nt.rows.entries()) {
    const where = `Nodes CSV, row ${i + 1}`;
    const node = readNode(nt, row, where);
    if (!node.ok) return node;
    const added = builder.addNode(node.value, where);
    if (!added.ok) return added;
  }
  for (const [i, row] of lt.rows.entries()) {
    const where = `Links CSV, row ${i + 1}`;
    const link = readLink(lt, row, where);
    if (!link.ok) return link;
    const added = builder.addLink(link.value, where);
    if (!added.ok) return added;
  }
  return builder.build();
}
