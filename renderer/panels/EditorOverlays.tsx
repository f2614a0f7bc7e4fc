import './panels.css';
import { useEditorStore } from '../state/editor-store';
import { PlanOverlay } from '../plan/PlanOverlay';
import { HistoryPanel } from './HistoryPanel';
import { MembersPanel } from './MembersPanel';
import { SelectionBar } from './SelectionBar';
import { ViewAsBanner } from './ViewAsBanner';
import { WorkspacesDialog } from './WorkspacesDialog';

/** What the editor shows over the canvas besides the node details and the trash. */
export function EditorOverlays() {
  const panel = useEditorStore((s) => s.panel);
  const workspacesOpen = useEditorStore((s) => s.workspacesOpen);
  return (
    <>
      <ViewAsBanner />
      {panel === 'history' && <HistoryPanel />}
      {panel === 'members' && <MembersPanel />}
      <SelectionBar />
      <PlanOverlay />
      {workspacesOpen && <WorkspacesDialog />}
    </>
  );
}
