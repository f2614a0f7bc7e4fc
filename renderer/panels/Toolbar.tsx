import { useReactFlow } from '@xyflow/react';
import { LINK_TYPE_RULES } from '../../shared/engine/constants';
import { LINK_TYPES, NODE_KINDS, type LinkType, type NodeKind } from '../../shared/model/types';
import { addNodeNear } from '../app/add-node';
import { currentMember, reloadView } from '../app/commands';
import { savePreferences } from '../app/preferences';
import { FindBar } from '../find/FindBar';
import { SearchBox } from '../find/SearchBox';
import { useEditorStore } from '../state/editor-store';
import { useGraphStore } from '../state/graph-store';
import { useUiStore, type Blocking } from '../state/ui-store';
import { LayoutControl } from '../layout/LayoutControl';
import { PlanControls } from '../plan/PlanControls';
import { TimelineToggle } from '../timeline/TimelineToggle';
import { ExchangeMenu } from './ExchangeMenu';
import { UndoRedo } from './UndoRedo';

/** The editor's controls; every one has an accessible name. */
export function Toolbar() {
  const draft = useUiStore((s) => s.draft);
  const setDraft = useUiStore((s) => s.setDraft);
  const theme = useUiStore((s) => s.theme);
  const setTheme = useUiStore((s) => s.setTheme);
  const trashOpen = useUiStore((s) => s.trashOpen);
  const setTrashOpen = useUiStore((s) => s.setTrashOpen);
  const members = useGraphStore((s) => s.members);
  const viewer = useGraphStore((s) => s.viewer);
  const customTypes = useGraphStore((s) => s.customTypes);
  const workspace = useGraphStore((s) => s.workspace);
  const flow = useReactFlow();
  const kind = useEditorStore((s) => s.newNodeKind);
  const setKind = useEditorStore((s) => s.setNewNodeKind);
  const panel = useEditorStore((s) => s.panel);
  const setPanel = useEditorStore((s) => s.setPanel);
  const setWorkspacesOpen = useEditorStore((s) => s.setWorkspacesOpen);

  /** In the free place nearest to the middle of the canvas as it is on screen. */
  const addNode = () => {
    const box = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!box) return;
    void addNodeNear(
      flow.screenToFlowPosition({ x: box.x + box.width / 2, y: box.y + box.height / 2 }),
    );
  };

  const viewingAsOther = viewer !== null && viewer !== currentMember;
  return (
    <header className="lg-toolbar" role="toolbar" aria-label="Editor">
      <h1 className="lg-toolbar__title">Linkgraph</h1>
      <button
        type="button"
        className="lg-toolbar__workspace"
        aria-label={`Workspaces (open: ${workspace?.name ?? 'none'})`}
        onClick={() => setWorkspacesOpen(true)}
      >
        {workspace?.name ?? 'Workspaces'} ▾
      </button>
      <div className="lg-toolbar__group">
        <select
          aria-label="New node kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as NodeKind)}
        >
          {NODE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k.replace('_', ' ')}
            </option>
          ))}
        </select>
        <button type="button" onClick={addNode} disabled={viewingAsOther}>
          Add node
        </button>
      </div>
      <div className="lg-toolbar__group">
        <select
          aria-label="Link type"
          value={
            draft.linkType === 'custom_link' ? `custom:${draft.customLinkType}` : draft.linkType
          }
          onChange={(e) => {
            const v = e.target.value;
            if (v.startsWith('custom:'))
              setDraft({ linkType: 'custom_link', customLinkType: v.slice(7) });
            else {
              setDraft({ linkType: v as LinkType | '', customLinkType: null });
              // Built-in types are kept for next time; custom ones belong to one workspace.
              savePreferences({ linkDefaults: { linkType: v as LinkType | '' } });
            }
          }}
        >
          <option value="">blocks (plain link)</option>
          {LINK_TYPES.filter((t) => t !== 'custom_link').map((t) => (
            <option key={t} value={t}>
              {LINK_TYPE_RULES[t].forward}
            </option>
          ))}
          {[...customTypes.values()]
            .filter((t) => !t.is_deprecated)
            .map((t) => (
              <option key={t.id} value={`custom:${t.id}`}>
                {t.forward_name} (custom)
              </option>
            ))}
        </select>
        <select
          aria-label="Blocking"
          value={draft.blocking}
          onChange={(e) => {
            setDraft({ blocking: e.target.value as Blocking });
            savePreferences({ linkDefaults: { blocking: e.target.value as Blocking } });
          }}
        >
          <option value="default">Blocking: as the type says</option>
          <option value="primary">Primary (blocking)</option>
          <option value="secondary">Secondary (non-blocking)</option>
        </select>
        <label className="lg-check">
          <input
            type="checkbox"
            checked={draft.private}
            onChange={(e) => setDraft({ private: e.target.checked })}
          />
          Private
        </label>
      </div>
      <div className="lg-toolbar__group">
        <UndoRedo />
        <LayoutControl />
        <button
          type="button"
          aria-pressed={trashOpen}
          onClick={() => {
            setPanel(null);
            setTrashOpen(!trashOpen);
          }}
        >
          Trash
        </button>
        <button
          type="button"
          aria-pressed={panel === 'members'}
          onClick={() => {
            setTrashOpen(false);
            setPanel(panel === 'members' ? null : 'members');
          }}
        >
          Members
        </button>
      </div>
      <PlanControls />
      <TimelineToggle />
      <SearchBox />
      <FindBar />
      <ExchangeMenu />
      <div className="lg-toolbar__group lg-toolbar__end">
        <select
          aria-label="View as"
          value={viewer ?? ''}
          onChange={(e) => void reloadView(e.target.value || null)}
        >
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id === currentMember ? `Me (${m.username})` : `View as ${m.username}`}
            </option>
          ))}
        </select>
        <button
          type="button"
          aria-label={theme === 'dark' ? 'Use light theme' : 'Use dark theme'}
          onClick={() => {
            const next = theme === 'dark' ? 'light' : 'dark';
            setTheme(next);
            savePreferences({ theme: next });
          }}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}
