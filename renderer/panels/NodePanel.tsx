import { useEffect, useState } from 'react';
import type { BlockerStep } from '../../shared/contract/methods';
import { query } from '../app/commands';
import { STATUS_NAMES } from '../canvas/flow-elements';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { NodeFields } from '../inspect/NodeFields';
import { NodeLinks } from '../inspect/NodeLinks';

/**
 * The selected node: every field editable in place (inspect/NodeFields), its links, and —
 * when it is Blocked — the chain that blocks it ("why is this blocked?").
 */
export function NodePanel({ id }: { id: string }) {
  const node = useGraphStore((s) => s.nodes.get(id));
  const select = useUiStore((s) => s.select);
  const [chain, setChain] = useState<{ key: string; steps: BlockerStep[] }>({ key: '', steps: [] });
  const key = `${id}:${node?.version}`;
  const blocked = node?.status === 2;
  useEffect(() => {
    if (!blocked) return;
    let live = true;
    void query('node.blockers', { id }).then(
      (r) => live && setChain({ key, steps: r?.chain ?? [] }),
    );
    return () => {
      live = false;
    };
  }, [id, key, blocked]);
  const steps = chain.key === key ? chain.steps : [];

  if (!node || node.in_trash) return null;
  return (
    <aside className="lg-panel lg-node-panel" aria-label="Node details">
      <header className="lg-panel__header">
        <h2>{node.display_id}</h2>
        <button type="button" onClick={() => select(null)} aria-label="Close details">
          ×
        </button>
      </header>
      <NodeFields node={node} />
      {node.status === 2 && (
        <section aria-label="Blocked by">
          <h3>Blocked by</h3>
          <ol className="lg-chain">
            {steps.map((step) => (
              <li key={`${step.link.id}`} style={{ marginLeft: step.depth * 12 }}>
                <button
                  type="button"
                  className="lg-link-button"
                  onClick={() => select(step.node.id)}
                >
                  {step.node.display_id} {step.node.title}
                </button>{' '}
                <span className="lg-muted">({STATUS_NAMES[step.node.status]})</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <NodeLinks id={id} />
    </aside>
  );
}
