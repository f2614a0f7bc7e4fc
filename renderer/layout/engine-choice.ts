/**
 * Which layout engine lays out a graph of a given size, decided in this one place from the
 * layout benchmark (bench/layout.bench.ts, figures in bench/README.md, reasons in
 * docs/editor.md "Layout").
 */
import { dagreLayout } from './dagre-layout';
import { elkLayout } from './elk-layout';
import type { LayoutEngine, LayoutRequest, LayoutResult } from './layout-types';

/**
 * Up to this many nodes, dagre; above it, ELK. 0: ELK at every size — it had fewer
 * crossings, shorter links and a more compact drawing at 30, 300 and 3,000 nodes; dagre was
 * faster only at 30 (60 ms against 290 ms of CPU, in the worker either way).
 */
export const DAGRE_UP_TO = 0;

export const engineFor = (nodeCount: number): LayoutEngine =>
  nodeCount <= DAGRE_UP_TO ? 'dagre' : 'elk';

export function runLayout(request: LayoutRequest): Promise<LayoutResult> {
  const engine = request.engine ?? engineFor(request.nodes.length);
  return engine === 'elk' ? elkLayout(request) : Promise.resolve(dagreLayout(request));
}
