/**
 * JSON Canvas 1.0, written down as a strict zod schema from the spec's text
 * (https://jsoncanvas.org/spec/1.0/): what a conforming reader may expect of a file.
 * Used by the tests to check our Canvas export independently of our importer.
 */
import { z } from 'zod';

/** `canvasColor`: a hex colour like "#FFFFFF" or a preset "1"-"6". */
const CanvasColor = z.string().regex(/^(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[1-6])$/);

const genericNode = {
  id: z.string().min(1),
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  color: CanvasColor.optional(),
};

const TextNode = z.strictObject({ ...genericNode, type: z.literal('text'), text: z.string() });
const FileNode = z.strictObject({
  ...genericNode,
  type: z.literal('file'),
  file: z.string(),
  subpath: z.string().startsWith('#').optional(),
});
const LinkNode = z.strictObject({ ...genericNode, type: z.literal('link'), url: z.string() });
const GroupNode = z.strictObject({
  ...genericNode,
  type: z.literal('group'),
  label: z.string().optional(),
  background: z.string().optional(),
  backgroundStyle: z.enum(['cover', 'ratio', 'repeat']).optional(),
});

const Side = z.enum(['top', 'right', 'bottom', 'left']);
const End = z.enum(['none', 'arrow']);

const Edge = z.strictObject({
  id: z.string().min(1),
  fromNode: z.string().min(1),
  fromSide: Side.optional(),
  fromEnd: End.optional(),
  toNode: z.string().min(1),
  toSide: Side.optional(),
  toEnd: End.optional(),
  color: CanvasColor.optional(),
  label: z.string().optional(),
});

export const JsonCanvas10 = z
  .strictObject({
    nodes: z
      .array(z.discriminatedUnion('type', [TextNode, FileNode, LinkNode, GroupNode]))
      .optional(),
    edges: z.array(Edge).optional(),
  })
  .superRefine((canvas, ctx) => {
    // "a unique ID": across nodes and edges; and every edge must join existing nodes.
    const ids = new Set<string>();
    for (const item of [...(canvas.nodes ?? []), ...(canvas.edges ?? [])]) {
      if (ids.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${item.id}` });
      ids.add(item.id);
    }
    const nodeIds = new Set((canvas.nodes ?? []).map((n) => n.id));
    for (const e of canvas.edges ?? []) {
      for (const end of [e.fromNode, e.toNode]) {
        if (!nodeIds.has(end))
          ctx.addIssue({ code: 'custom', message: `edge ${e.id}: no node ${end}` });
      }
    }
  });
