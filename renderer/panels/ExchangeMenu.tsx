/**
 * Export and import (SPEC §5) in the toolbar: an "Export" menu with every text format the
 * service writes plus SVG and PNG pictures of the canvas, and an "Import…" form that turns a
 * file into a new workspace. Text exports are what the person is viewing: when viewing as
 * another member, the file is that member's view ([F1] "as seen by").
 */
import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { ImportFormat } from '../../shared/exchange/formats';
import { currentMember, query } from '../app/commands';
import { graphImage, type ImageFormat, type Picture } from '../exchange/canvas-image';
import { downloadText, downloadUrl, fileStem } from '../exchange/download';
import {
  EXPORT_CHOICES,
  IMPORT_CHOICES,
  formatOfFile,
  nameOfFile,
  type ExportChoice,
} from '../exchange/format-labels';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';

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
    const { nodes, links, customTypes } = useGraphStore.getState();
    // Cards React Flow has measured (the mounted ones) keep their real size; the others are
    // estimated from their titles.
    const sizes = new Map<string, { width: number; height: number }>();
    for (const node of flow.getNodes()) {
      const { width, height } = node.measured ?? {};
      if (width && height) sizes.set(node.id, { width, height });
    }
    return graphImage(format, {
      nodes: nodes.values(),
      links: links.values(),
      customTypes,
      theme,
      sizes,
    });
  };

  const exportAs = async (choice: ExportChoice) => {
    setMenuOpen(false);
    setBusy(true);
    try {
      if (choice.kind === 'text') {
        const as = viewer && viewer !== currentMember ? viewer : undefined;
        const file = await query('export', { format: choice.format, ...(as ? { as } : {}) });
        if (file) downloadText(file.filename, file.mediaType, file.content);
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
      const done = await query('import', {
        format,
        content: await file.text(),
        ...(name ? { name } : {}),
      });
      if (!done) return; // The refusal is already shown, in the importer's words.
      setImportOpen(false);
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
    else if (event.key === 'Escape' || event.key === 'Tab') {
      setMenuOpen(false);
      if (event.key === 'Escape') exportButton.current?.focus();
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
          id={menuId}
          ref={menu}
          role="menu"
          aria-label="Export as"
          style={popup}
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
      )}
      <button
        type="button"
        aria-expanded={importOpen}
        aria-controls={importOpen ? formId : undefined}
        disabled={busy}
        onClick={() => {
          setMenuOpen(false);
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
