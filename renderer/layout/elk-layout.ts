/**
 * The layered layout of ELK (Eclipse Layout Kernel, elkjs): few crossings (layer-sweep
 * crossing minimisation), compact layers (linear-segments node placement: on the 300-node
 * benchmark plan the default Brandes-Köpf placement made columns three times as tall and
 * links 2.5× as long, network-simplex took twice the time for more routed crossings) and
 * orthogonal edge routes that go around cards. Left→right, each card has one port on each
 * side where the canvas draws its handles (links end where they are drawn); top→down the
 * links leave a card's bottom and enter its top.
 */
import ELK, { type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { CARD } from '../../shared/ui-constants';
import type { LayoutRequest, LayoutResult, Point } from './layout-types';

let elk: InstanceType<typeof ELK> | null = null;

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.nodePlacement.strategy': 'LINEAR_SEGMENTS',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.edgeNode': '20',
  'elk.spacing.edgeEdge': '10',
  'elk.padding': '[top=20,left=20,bottom=20,right=20]',
};

export async function elkLayout(request: LayoutRequest): Promise<LayoutResult> {
  elk ??= new ELK();
  const lr = request.direction === 'LR';
  const handleY = CARD.height / 2;
  const children: ElkNode[] = request.nodes.map(({ id, width, height }) =>
    lr
      ? {
          id,
          width,
          height,
          layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
          ports: [
            {
              id: `${id}\u0000in`,
              x: 0,
              y: handleY,
              width: 0,
              height: 0,
              layoutOptions: { 'elk.port.side': 'WEST' },
            },
            {
              id: `${id}\u0000out`,
              x: width,
              y: handleY,
              width: 0,
              height: 0,
              layoutOptions: { 'elk.port.side': 'EAST' },
            },
          ],
        }
      : { id, width, height },
  );
  const known = new Set(request.nodes.map((n) => n.id));
  const edges: ElkExtendedEdge[] = request.edges
    .filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target)
    .map((e) => ({
      id: e.id,
      sources: [lr ? `${e.source}\u0000out` : e.source],
      targets: [lr ? `${e.target}\u0000in` : e.target],
    }));
  const laid = await elk.layout({
    id: '\u0000root',
    layoutOptions: { ...OPTIONS, 'elk.direction': lr ? 'RIGHT' : 'DOWN' },
    children,
    edges,
  });
  const positions: Record<string, Point> = {};
  for (const child of laid.children ?? [])
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  const routes: Record<string, Point[]> = {};
  for (const edge of laid.edges ?? []) {
    const section = edge.sections?.[0];
    if (!section) continue;
    routes[edge.id] = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(
      (p) => ({ x: Math.round(p.x), y: Math.round(p.y) }),
    );
  }
  return { engine: 'elk', direction: request.direction, positions, routes };
}
