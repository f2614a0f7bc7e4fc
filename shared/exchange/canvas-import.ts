/**
 * JSON Canvas 1.0 import: our own exports (cards and labels read back, see canvas-text.ts) and
 * canvases from Obsidian or any other tool. Text cards become nodes (first line the title, the
 * rest the description); file and link cards become nodes titled by their path or URL; groups
 * are frames, not work, so they and the edges touching them are left out. Edges become plain
 * links — secondary unless our label says otherwise, since a drawn arrow says nothing about
 * blocking and a cycle of blocking links would be refused.
 */
import { z } from 'zod';
import { err, type Result } from '../model/result';
import { readCardText, readEdgeLabel } from './canvas-text';
import { ForeignGraphBuilder, type ForeignNode } from './foreign-graph';
import { parseJsonSafely } from './json-guard';
import { IMPORT_LIMITS, MAX_STRING_CHARS } from './limits';
import { LINK_TYPE_BY_FORWARD_NAME } from './names';
import {
  exchangeError,
  type ExchangeError,
  type ExchangeGraph,
  type ImportContext,
  shown,
} from './types';
import { checkCounts } from './graph-counts';
import { describeZodError } from './zod-message';

const WHAT = 'JSON Canvas file';
const Text = z.string().max(MAX_STRING_CHARS);
const Id = z.string().min(1).max(200);

/** JSON Canvas 1.0 fields we read; other keys are tolerated, as the spec's readers do. */
const CanvasNode = z.looseObject({
  id: Id,
  type: z.enum(['text', 'file', 'link', 'group']),
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite(),
  height: z.number().finite(),
  color: Text.optional(),
  text: Text.optional(),
  file: Text.optional(),
  url: Text.optional(),
  label: Text.optional(),
});
const CanvasEdge = z.looseObject({
  id: Id,
  fromNode: Id,
  toNode: Id,
  label: Text.optional(),
});
const CanvasFile = z.looseObject({
  nodes: z.array(CanvasNode).optional(),
  edges: z.array(CanvasEdge).optional(),
});

const lengthOf = (value: unknown) => (Array.isArray(value) ? value.length : 0);

function cardToNode(card: z.infer<typeof CanvasNode>): ForeignNode {
  const base = { fileId: card.id, x: card.x, y: card.y };
  if (card.type === 'file')
    return { ...base, title: card.file ?? '', description: card.file ?? '' };
  if (card.type === 'link') return { ...base, title: card.url ?? '', description: card.url ?? '' };
  const fields = readCardText(card.text ?? '');
  return {
    ...base,
    title: fields.title,
    description: fields.description,
    display_id: fields.display_id,
    kind: fields.kind,
    status: fields.status,
  };
}

export function importCanvas(
  text: string,
  ctx: ImportContext,
): Result<ExchangeGraph, ExchangeError> {
  const limits = ctx.limits ?? IMPORT_LIMITS;
  const parsed = parseJsonSafely(text, WHAT, limits.bytes);
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err(exchangeError('bad_request.import_invalid', `${WHAT}: expected a JSON object`));
  }
  const record = raw as Record<string, unknown>;
  const counts = checkCounts(lengthOf(record.nodes), lengthOf(record.edges), WHAT, limits);
  if (!counts.ok) return counts;
  const file = CanvasFile.safeParse(raw);
  if (!file.success) {
    return err(exchangeError('bad_request.import_invalid', describeZodError(file.error, WHAT)));
  }
  const cards = file.data.nodes ?? [];
  const edges = file.data.edges ?? [];

  // The spec's ids are unique across nodes and edges.
  const ids = new Set<string>();
  for (const { id } of [...cards, ...edges]) {
    if (ids.has(id)) {
      return err(
        exchangeError('bad_request.import_duplicate_id', `${WHAT}: duplicate id ${shown(id)}`),
      );
    }
    ids.add(id);
  }
  const cardIds = new Set(cards.map((c) => c.id));
  const groups = new Set(cards.filter((c) => c.type === 'group').map((c) => c.id));
  const builder = new ForeignGraphBuilder(ctx);
  for (const card of cards) {
    if (card.type === 'group') continue;
    const added = builder.addNode(cardToNode(card), `${WHAT} node ${shown(card.id)}`);
    if (!added.ok) return added;
  }
  for (const edge of edges) {
    const where = `${WHAT} edge ${shown(edge.id)}`;
    for (const end of [edge.fromNode, edge.toNode]) {
      if (!cardIds.has(end)) {
        return err(
          exchangeError(
            'bad_request.import_dangling_reference',
            `${where}: node ${shown(end)} does not exist`,
          ),
        );
      }
    }
    if (groups.has(edge.fromNode) || groups.has(edge.toNode)) continue;
    const label = readEdgeLabel(edge.label);
    const builtIn =
      label.typeName === undefined ? undefined : LINK_TYPE_BY_FORWARD_NAME.get(label.typeName);
    const added = builder.addLink(
      {
        fileId: edge.id,
        source: edge.fromNode,
        target: edge.toNode,
        ...(builtIn !== undefined ? { link_type: builtIn } : {}),
        ...(builtIn === undefined && label.typeName !== undefined
          ? { custom_type_name: label.typeName }
          : {}),
        type: label.type ?? 'secondary',
        private: label.private,
      },
      where,
    );
    if (!added.ok) return added;
  }
  return builder.build();
}
