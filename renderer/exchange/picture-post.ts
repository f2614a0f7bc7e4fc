/**
 * How a whole plan gets to the picture worker without freezing the page (issue 16). Posting
 * the records in one message made the page clone 100,000 node and 150,000 link records — every
 * field, descriptions and tags included — in one task of 0.3–0.9 s. Instead the page posts
 * only the fields the scene reads (`PictureNode`, `PictureLink`), in chunks of
 * `PICTURE_CHUNK` records, each chunk projected and posted in a task of its own; the worker
 * puts them back together (`PictureAssembler`) and draws from the same scene as ever
 * (graph-svg.ts `graphScene`), so the SVG and the PNG still show the same thing.
 */
import type { CustomLinkType } from '../../shared/model/types';
import type { GraphSvgInput, ImageTheme, PictureLink, PictureNode } from './graph-svg';

/** Records a message: ~5–15 ms of projecting and cloning on the page each (docs/exchange.md). */
export const PICTURE_CHUNK = 5_000;

/** Paint a PNG `width` wide, its height the picture's clamped to these bounds. */
export interface PngBounds {
  minHeight: number;
  maxHeight: number;
}

/** A whole picture to draw: the scene's input, and PNG bounds when a PNG is wanted. */
export interface PictureRequest {
  input: GraphSvgInput;
  png?: PngBounds;
}

/** A request as the page holds it: the records in arrays, sliced into chunks. */
export interface PictureSource {
  input: Omit<GraphSvgInput, 'nodes' | 'links'> & {
    nodes: readonly PictureNode[];
    links: readonly PictureLink[];
  };
  png?: PngBounds;
}

/** Everything of a request but its nodes and links: small, posted first. */
export interface PictureOptions {
  customTypes: [string, CustomLinkType][];
  theme?: ImageTheme;
  sizes: [string, { width: number; height: number }][];
  width?: number;
  transparent?: boolean;
  png?: PngBounds;
}

export type PictureMessage =
  | { kind: 'begin'; options: PictureOptions }
  | { kind: 'nodes'; nodes: PictureNode[] }
  | { kind: 'links'; links: PictureLink[] }
  | { kind: 'draw' };

/** The picture's fields of a node record (a record has a dozen more). */
export function pictureNode(n: PictureNode): PictureNode {
  return {
    id: n.id,
    display_id: n.display_id,
    title: n.title,
    kind: n.kind,
    status: n.status,
    position: { x: n.position.x, y: n.position.y },
    in_trash: n.in_trash,
  };
}

/** The picture's fields of a link record. */
export function pictureLink(l: PictureLink): PictureLink {
  const link: PictureLink = {
    source: l.source,
    target: l.target,
    type: l.type,
    private: l.private,
    in_trash: l.in_trash,
  };
  if (l.link_type !== undefined) link.link_type = l.link_type;
  if (l.custom_link_type !== undefined) link.custom_link_type = l.custom_link_type;
  return link;
}

/**
 * The messages that carry `request` to the worker, in order. Lazy: each chunk is projected
 * when it is asked for, so the page can post one and yield before projecting the next.
 */
export function* pictureMessages(
  request: PictureSource,
  chunk = PICTURE_CHUNK,
): Generator<PictureMessage> {
  const { input, png } = request;
  const options: PictureOptions = {
    customTypes: [...(input.customTypes ?? new Map<string, CustomLinkType>())],
    sizes: [...(input.sizes ?? new Map<string, { width: number; height: number }>())],
  };
  if (input.theme !== undefined) options.theme = input.theme;
  if (input.width !== undefined) options.width = input.width;
  if (input.transparent !== undefined) options.transparent = input.transparent;
  if (png) options.png = png;
  yield { kind: 'begin', options };
  for (let i = 0; i < input.nodes.length; i += chunk)
    yield { kind: 'nodes', nodes: input.nodes.slice(i, i + chunk).map(pictureNode) };
  for (let i = 0; i < input.links.length; i += chunk)
    yield { kind: 'links', links: input.links.slice(i, i + chunk).map(pictureLink) };
  yield { kind: 'draw' };
}

/** The worker's side: gathers the messages back into the request they came from. */
export class PictureAssembler {
  private options: PictureOptions | null = null;
  private nodes: PictureNode[] = [];
  private links: PictureLink[] = [];

  /** Takes one message; answers the whole request once `draw` arrives, else null. */
  receive(message: PictureMessage): PictureRequest | null {
    switch (message.kind) {
      case 'begin':
        this.options = message.options;
        this.nodes = [];
        this.links = [];
        return null;
      case 'nodes':
        for (const n of message.nodes) this.nodes.push(n);
        return null;
      case 'links':
        for (const l of message.links) this.links.push(l);
        return null;
      case 'draw': {
        const o = this.options;
        if (!o) throw new Error('the picture was asked for before its options arrived');
        const input: GraphSvgInput = {
          nodes: this.nodes,
          links: this.links,
          customTypes: new Map(o.customTypes),
          sizes: new Map(o.sizes),
        };
        if (o.theme !== undefined) input.theme = o.theme;
        if (o.width !== undefined) input.width = o.width;
        if (o.transparent !== undefined) input.transparent = o.transparent;
        this.options = null;
        return o.png ? { input, png: o.png } : { input };
      }
    }
  }
}
