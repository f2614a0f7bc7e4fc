/**
 * Keyboard shortcuts: Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo, Ctrl/Cmd+F search,
 * Ctrl/Cmd+C / V / D copy, paste and duplicate the selected nodes. Deletion is React Flow's
 * own (Delete/Backspace on the selection). Typing in a field is left alone.
 */
import { redo, undo } from './history';
import { copySelection, duplicateSelection, paste } from './selection';

export function installShortcuts(target: Window = window): () => void {
  const onKey = (event: KeyboardEvent) => {
    const el = event.target as HTMLElement | null;
    if (
      el &&
      (el.tagName === 'INPUT' ||
        el.tagName === 'TEXTAREA' ||
        el.tagName === 'SELECT' ||
        el.isContentEditable)
    ) {
      return;
    }
    const mod = event.ctrlKey || event.metaKey;
    if (!mod) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      void undo();
    } else if ((key === 'z' && event.shiftKey) || key === 'y') {
      event.preventDefault();
      void redo();
    } else if (key === 'c' && !event.shiftKey) {
      // Text selected on the page (a toast, a panel) is copied as usual.
      if (target.getSelection()?.toString()) return;
      event.preventDefault();
      copySelection();
    } else if (key === 'v' && !event.shiftKey) {
      event.preventDefault();
      void paste();
    } else if (key === 'd' && !event.shiftKey) {
      event.preventDefault();
      void duplicateSelection();
    } else if (key === 'f') {
      event.preventDefault();
      target.document.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
    }
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
