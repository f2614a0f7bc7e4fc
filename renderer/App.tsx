import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { connectBridge } from './bridge';
import { GraphCanvas } from './canvas/GraphCanvas';
import { useGraphStore } from './state/graph-store';

export function App() {
  const [bridge] = useState(connectBridge);
  const { graph, error, load } = useGraphStore();

  useEffect(() => {
    if (!('error' in bridge)) void load(bridge);
  }, [bridge, load]);

  const problem = 'error' in bridge ? bridge.error : error;
  return (
    <div className="lg-app">
      <header className="lg-toolbar">
        <h1 className="lg-toolbar__title">Linkgraph</h1>
        {graph && <span className="lg-toolbar__workspace">{graph.workspace.name}</span>}
      </header>
      <main className="lg-main">
        {problem && (
          <p role="alert" className="lg-error">
            {problem}
          </p>
        )}
        {graph && (
          <ReactFlowProvider>
            <GraphCanvas graph={graph} />
          </ReactFlowProvider>
        )}
        {!graph && !problem && <p className="lg-loading">Opening workspace…</p>}
      </main>
    </div>
  );
}
