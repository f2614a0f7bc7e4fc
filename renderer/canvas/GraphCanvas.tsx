import { useMemo } from 'react';
import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import type { GraphView } from '../../shared/contract/methods';
import { toFlowEdges, toFlowNodes } from './flow-elements';
import { NodeCard } from './NodeCard';

const nodeTypes = { linkgraph: NodeCard };

export function GraphCanvas({ graph }: { graph: GraphView }) {
  const nodes = useMemo(() => toFlowNodes(graph.nodes), [graph.nodes]);
  const edges = useMemo(() => toFlowEdges(graph.links), [graph.links]);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      fitView
      proOptions={{ hideAttribution: true }}
    >
      <Background />
      <MiniMap pannable zoomable ariaLabel="Minimap" />
      <Controls />
    </ReactFlow>
  );
}
