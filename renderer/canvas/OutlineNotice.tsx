/**
 * While a large plan is drawn from its outline (use-outline-view.ts), says that its records are
 * still coming: until then nothing can be selected and the panels are empty, and a person
 * clicking a node should know why nothing happens. A polite live region, gone with the outline.
 */
import { Panel } from '@xyflow/react';
import './zoom-controls.css';

export function OutlineNotice({ count }: { count: number }) {
  return (
    <Panel position="top-center" className="lg-zoom lg-outline-notice">
      <span role="status">Loading the plan’s {count.toLocaleString('en')} nodes…</span>
    </Panel>
  );
}
