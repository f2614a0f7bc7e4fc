import { useEffect, useRef } from 'react';
import { useMenuStore } from './menu-store';

/**
 * The in-page confirmation (confirmAction): an alert dialog with the question, the action
 * and Cancel. Cancel has the focus, so Enter never destroys anything by accident; Escape
 * cancels.
 */
export function ConfirmDialog() {
  const question = useMenuStore((s) => s.question);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!question) return;
    cancel.current?.focus();
    const escape = (event: KeyboardEvent) => event.key === 'Escape' && question.answer(false);
    document.addEventListener('keydown', escape);
    return () => document.removeEventListener('keydown', escape);
  }, [question]);
  if (!question) return null;
  return (
    <div className="lg-modal-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="lg-confirm-text"
        className="lg-modal"
      >
        <p id="lg-confirm-text">{question.text}</p>
        <div className="lg-row lg-row--end">
          <button ref={cancel} type="button" onClick={() => question.answer(false)}>
            Cancel
          </button>
          <button type="button" className="lg-danger" onClick={() => question.answer(true)}>
            {question.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
