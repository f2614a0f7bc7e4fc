/**
 * Export and import (SPEC §5) in the toolbar: an "Export" menu with every text format the
 * service writes plus SVG and PNG pictures of the canvas, and an "Import…" form that turns a
 * file into a new workspace. Text exports are what the person is viewing: when viewing as
 * another member, the file is that member's view ([F1] "as seen by"). Pictures are drawn as
 * the person asks (the options under the menu): in the light or the current theme, on a
 * transparent background or not, of the whole plan or of the selected nodes only (with the
 * links among them). "Only what the filter shows" (off by default) exports, in every format,
 * the nodes the Focus & filters panel's filters show and the links between them (the service
 * takes the filters and subsets once for all formats: shared/exchange/subset.ts). After an import, the new workspace can be opened from the import form.
 */
import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { ImportFormat } from '../../shared/exchange/formats';
import { currentMember } from '../app/commands';
import { graphImage, type ImageFormat, type Picture } from '../exchange/canvas-image';
import { downloadBlob, downloadUrl, fileStem } from '../exchange/download';
import { exportFile } from '../exchange/export-file';
import { importFile as importAsWorkspace } from '../exchange/import-file';
import {
  EXPORT_CHOICES,
  IMPORT_CHOICES,
  formatOfFile,
  nameOfFile,
  type ExportChoice,
} from '../exchange/format-labels';
import { openWorkspace } from '../app/workspaces';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import { useEditorStore } from '../state/editor-store';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { isFiltering, useFindStore } from '../find/find-store';
import { passesFilters } from '../find/find-logic';

// The toolbar's stylesheet has no pop-up styles; these few stay with the component.
const popup: CSSProperties = {
  position: 'absolute',
  top: 'calc(100% + 4px)',
  left: 0,
  zIndex: 20,
  display: 'flex',
  flexDirection: 'column',
  gap: 4,
  minWidth: 200,
  padding: 6,
  background: 'var(--lg-panel)',
  border: '1px solid var(--lg-border)',
  borderRadius: 6,
  boxShadow: '0 4px 16px rgb(0 0 0 / 0.15)',
};
const item: CSSProperties = { textAlign: 'left' };

export function ExchangeMenu() {
  const [menuOpen, setMenuOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [importFormat, setImportFormat] = useState<ImportFormat | 'auto'>('auto');
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<WorkspaceInfo | null>(null);
  const [pictureTheme, setPictureTheme] = useState<'current' | 'light'>('current');
  const [transparent, setTransparent] = useState(false);
  const [onlySelection, setOnlySelection] = useState(false);
  // "Only what the filter shows" (off by default): every format, pictures included.
  const [onlyFiltered, setOnlyFiltered] = useState(false);
  const filtering = useFindStore((s) => isFiltering(s.filters));
  const selectedNodes = useEditorStore((s) => s.selectedNodes);
  const flow = useReactFlow();
  const theme = useUiStore((s) => s.theme);
  const toast = useUiStore((s) => s.toast);
  const workspace = useGraphStore((s) => s.workspace);
  const viewer = useGraphStore((s) => s.viewer);
  const root = useRef<HTMLDivElement>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const formId = useId();

  // An open menu takes the focus, and closes on a click anywhere else.
  useEffect(() => {
    if (!menuOpen && !importOpen) return;
    if (menuOpen) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) {
        setMenuOpen(false);
        setImportOpen(false);
      }
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [menuOpen, importOpen]);

  /**
   * The picture of the whole graph, drawn from the records: a large canvas mounts only what
   * is on screen, so its DOM is not the graph (docs/exchange.md, "Pictures").
   */
  const drawPicture = async (format: ImageFormat): Promise<Picture> => {
    const { nodes: all, links, customTypes } = useGraphStore.getState();
    const picked = useEditorStore.getState().selectedNodes;
    // Selection only: its cards, and the links among them (a link needs both its ends drawn).
    const chosen =
      onlySelection && picked.length > 0
        ? picked.flatMap((id) => all.get(id) ?? [])
        : [...all.values()];
    const filters = useFindStore.getState().filters;
    const nodes =
      onlyFiltered && isFiltering(filters)
        ? chosen.filter((n) => passesFilters(n, filters))
        : chosen;
    // Cards React Flow has measured (the mounted ones) keep their real size; the others are
    // estimated from their titles.
    const sizes = new Map<string, { width: number; height: number }>();
    for (const node of flow.getNodes()) {
      const { width, height } = node.measured ?? {};
      if (width && height) sizes.set(node.id, { width, height });
    }
    return graphImage(format, {
      nodes,
      links: links.values(),
      customTypes,
      theme: pictureTheme === 'light' ? 'light' : theme,
      transparent,
      sizes,
    });
  };

  const exportAs = async (choice: ExportChoice) => {
    setMenuOpen(false);
    setBusy(true);
    try {
      if (choice.kind === 'text') {
        const as = viewer && viewer !== currentMember ? viewer : undefined;
        const filters = useFindStore.getState().filters;
        const only =
          onlyFiltered && isFiltering(filters)
            ? { only: { ...filters, hideStatuses: [...filters.hideStatuses] } }
            : {};
        const file = await exportFile({ format: choice.format, ...(as ? { as } : {}), ...only });
        if (file) downloadBlob(file.filename, file.blob);
        return;
      }
      const picture = await drawPicture(choice.format).catch((e: unknown) => {
        console.error('[export] drawing the canvas failed:', e);
        return null;
      });
      if (picture) {
        downloadUrl(`${fileStem(workspace?.name)}.${choice.format}`, picture.url);
        // The download has started once the click is handled; a tick later the URL can go.
        setTimeout(picture.revoke, 0);
      } else toast('error', `The canvas could not be drawn as ${choice.label}.`);
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File) => {
    const format = importFormat === 'auto' ? formatOfFile(file.name) : importFormat;
    if (!format) {
      toast('error', `Choose the format of “${file.name}” first: its name does not say.`);
      return;
    }
    setBusy(true);
    try {
      const name = nameOfFile(file.name).slice(0, 200);
      const done = await importAsWorkspace({ format, ...(name ? { name } : {}) }, file);
      if (!done) return; // The refusal is already shown, in the importer's words.
      setImported(done.workspace);
      toast('info', `Imported as workspace “${done.workspace.name}”.`);
    } finally {
      setBusy(false);
    }
  };

  /** Arrow keys move through the menu; Escape closes it and returns to its button. */
  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      setMenuOpen(false);
      exportButton.current?.focus();
    }
  };

  return (
    <div className="lg-toolbar__group" ref={root} style={{ position: 'relative' }}>
      <button
        type="button"
        ref={exportButton}
        aria-haspopup="menu"
        aria-expanded={menuOpen}
        aria-controls={menuOpen ? menuId : undefined}
        disabled={busy}
        onClick={() => {
          setImportOpen(false);
          setMenuOpen(!menuOpen);
        }}
      >
        Export
      </button>
      {menuOpen && (
        <div
          style={popup}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            setMenuOpen(false);
            exportButton.current?.focus();
          }}
        >
          <div
            id={menuId}
            ref={menu}
            role="menu"
            aria-label="Export as"
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            onKeyDown={onMenuKey}
          >
            {EXPORT_CHOICES.map((choice) => (
              <button
                key={choice.format}
                type="button"
                role="menuitem"
                tabIndex={-1}
                style={item}
                onClick={() => void exportAs(choice)}
              >
                {choice.label}
              </button>
            ))}
          </div>
          <label className="lg-check">
            <input
              type="checkbox"
              checked={onlyFiltered && filtering}
              disabled={!filtering}
              onChange={(e) => setOnlyFiltered(e.target.checked)}
            />
            Only what the filter shows{filtering ? '' : ' (no filter on)'}
          </label>
          <fieldset className="lg-picture-options" aria-label="Picture options">
            <legend>SVG / PNG pictures</legend>
            <label>
              Theme{' '}
              <select
                value={pictureTheme}
                onChange={(e) => setPictureTheme(e.target.value as 'current' | 'light')}
              >
                <option value="current">Current ({theme})</option>
                <option value="light">Light</option>
              </select>
            </label>
            <label className="lg-check">
              <input
                type="checkbox"
                checked={transparent}
                onChange={(e) => setTransparent(e.target.checked)}
              />
              Transparent background
            </label>
            <label className="lg-check">
              <input
                type="checkbox"
                checked={onlySelection && selectedNodes.length > 0}
                disabled={selectedNodes.length === 0}
                onChange={(e) => setOnlySelection(e.target.checked)}
              />
              Selection only ({selectedNodes.length} selected)
            </label>
          </fieldset>
        </div>
      )}
      <button
        type="button"
        aria-expanded={importOpen}
        aria-controls={importOpen ? formId : undefined}
        disabled={busy}
        onClick={() => {
          setMenuOpen(false);
          setImported(null);
          setImportOpen(!importOpen);
        }}
      >
        Import…
      </button>
      {importOpen && (
        <div
          id={formId}
          role="dialog"
          aria-label="Import a file as a new workspace"
          style={popup}
          onKeyDown={(e) => e.key === 'Escape' && setImportOpen(false)}
        >
          {imported && (
            <p role="status" className="lg-row">
              <span>Imported as “{imported.name}”.</span>
              <button
                type="button"
                onClick={() =>
                  void openWorkspace(imported.id).then((opened) => {
                    if (!opened) return;
                    setImported(null);
                    setImportOpen(false);
                  })
                }
              >
                Open it
              </button>
            </p>
          )}
          <select
            aria-label="Import format"
            value={importFormat}
            onChange={(e) => setImportFormat(e.target.value as ImportFormat | 'auto')}
          >
            <option value="auto">Format: from the file name</option>
            {IMPORT_CHOICES.map((c) => (
              <option key={c.format} value={c.format}>
                {c.label}
              </option>
            ))}
          </select>
          <input
            type="file"
            aria-label="File to import"
            accept=".json,.graphml,.xml,.canvas,.csv"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = ''; // The same file may be chosen again after a fix.
              if (file) void importFile(file);
            }}
          />
        </div>
      )}
    </div>
  );
}
