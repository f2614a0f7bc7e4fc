import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { connectBridge } from './bridge';
import {
  askOutline,
  currentMember,
  query,
  reloadView,
  setApi,
  setCurrentMember,
} from './app/commands';
import { loadPreferences } from './app/preferences';
import { installShellEvents } from './app/shell-events';
import { installShortcuts } from './app/shortcuts';
import { GraphCanvas } from './canvas/GraphCanvas';
import { ConfirmDialog } from './inspect/ConfirmDialog';
import { LinkPanel } from './inspect/LinkPanel';
import { AccessRevoked } from './panels/AccessRevoked';
import { EditorOverlays } from './panels/EditorOverlays';
import { NodePanel } from './panels/NodePanel';
import { Toasts } from './panels/Toasts';
import { Toolbar } from './panels/Toolbar';
import { usePlanStore } from './plan/plan-store';
import { TimelineView } from './timeline/TimelineView';
import { TrashPanel } from './panels/TrashPanel';
import { noteBatch, useGraphStore } from './state/graph-store';
import { useUiStore } from './state/ui-store';
import { THEME_VARS } from './theme/css-vars';

/** How long the first read of the plan waits for the page's live channel (see below). */
const FLOWING_WAIT_MS = 2000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Phase = { kind: 'opening' } | { kind: 'ready' } | { kind: 'failed'; message: string };

export function App() {
  const [bridge] = useState(connectBridge);
  const [phase, setPhase] = useState<Phase>(() =>
    'error' in bridge ? { kind: 'failed', message: bridge.error } : { kind: 'opening' },
  );
  const theme = useUiStore((s) => s.theme);
  const trashOpen = useUiStore((s) => s.trashOpen);
  const selected = useUiStore((s) => s.selectedNode);
  const selectedLink = useUiStore((s) => s.selectedLink);
  const timelineOpen = usePlanStore((s) => s.timelineOpen);

  useEffect(() => {
    if ('error' in bridge) return;
    setApi(bridge);
    let live = true;
    void (async () => {
      // A large plan's outline is asked first, with app.info (outline-store.ts): the canvas
      // shows it as soon as the page can mount, if it comes before the plan's records.
      let outlined: () => void = () => {};
      const outlineShown = new Promise<void>((resolve) => (outlined = resolve));
      const outline = askOutline(() => outlined());
      // Asked directly (not through query()): the first answer decides what the page says.
      const answer = await bridge['app.info']();
      if (!answer.ok) {
        const message =
          answer.error.code === 'unauthorized.token_revoked'
            ? 'This page’s access token was revoked by the workspace owner: ask them for a new one.'
            : answer.error.code.startsWith('unauthorized.')
              ? 'This page’s access token is not valid (the server mints a new one each time it starts): open the address `npm run serve` printed last.'
              : `The Linkgraph service did not answer: ${answer.error.message}`;
        return live && setPhase({ kind: 'failed', message });
      }
      const info = answer.value;
      setCurrentMember(info.member);
      for (const problem of info.problems) useUiStore.getState().toast('error', problem);
      // The plan is read once changes are pushed to this page (its socket, opened below, is
      // connected): a change after the read is then pushed, and folded into the view
      // (recordBatches); none falls between. A socket that cannot connect delays it 2 s.
      await Promise.race([bridge.diffsFlowing?.(), delay(FLOWING_WAIT_MS)]);
      // The graph is asked at the same time, not after (one round trip less before the plan shows).
      const view = reloadView(info.member, outline);
      const [members, types] = await Promise.all([query('members.list'), query('link_types.list')]);
      if (members) useGraphStore.getState().setMembers(members.members);
      if (types) useGraphStore.getState().setCustomTypes(types.custom);
      await Promise.race([view, outlineShown]);
      if (live) setPhase({ kind: 'ready' });
    })();
    // Diffs other clients cause arrive already filtered for this member.
    const unsubscribe = bridge.onDiff((event) => {
      const graph = useGraphStore.getState();
      // The person's page follows every workspace's changes: only the open one's are shown.
      if ('resync' in event) return void reloadView();
      // While the first view is read its workspace is not known: the batch is only noted, and
      // folded into that view if it is the same workspace's (recordBatches, graph-store.ts).
      if (graph.workspace === null) return noteBatch(event);
      if (event.workspace !== graph.workspace.id) return;
      if (graph.viewer && graph.viewer !== currentMember) void reloadView();
      else graph.applyBatch(event.batch, event.workspace);
    });
    const uninstall = installShortcuts();
    // Menu actions and OS file opens from the desktop shell (a no-op in the browser).
    // Saved preferences: asked directly, so a page that cannot get in shows one message only.
    const saved = loadPreferences(bridge);
    const uninstallShell = installShellEvents(bridge, undefined, saved);
    return () => {
      live = false;
      unsubscribe();
      uninstall();
      uninstallShell();
    };
  }, [bridge]);

  return (
    <div className="lg-app" data-theme={theme} style={THEME_VARS[theme]}>
      <ReactFlowProvider>
        <Toolbar />
        <main className="lg-main">
          {phase.kind === 'failed' && (
            <p role="alert" className="lg-error">
              {phase.message}
            </p>
          )}
          {phase.kind === 'opening' && <p className="lg-loading">Opening workspace…</p>}
          {phase.kind === 'ready' && (timelineOpen ? <TimelineView /> : <GraphCanvas />)}
          {trashOpen && <TrashPanel />}
          {selected && <NodePanel id={selected} />}
          {selectedLink && <LinkPanel id={selectedLink} />}
          {phase.kind === 'ready' && <EditorOverlays />}
        </main>
        <Toasts />
        <ConfirmDialog />
        <AccessRevoked />
      </ReactFlowProvider>
    </div>
  );
}
