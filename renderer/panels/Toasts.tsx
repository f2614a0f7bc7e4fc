import { useUiStore } from '../state/ui-store';

/** Non-blocking messages: refusals from the engine and confirmations such as restores. */
export function Toasts() {
  const toasts = useUiStore((s) => s.toasts);
  const dismiss = useUiStore((s) => s.dismiss);
  return (
    <div className="lg-toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          role={t.kind === 'error' ? 'alert' : 'status'}
          className={`lg-toast lg-toast--${t.kind}`}
        >
          <span>{t.text}</span>
          <button type="button" aria-label="Dismiss message" onClick={() => dismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
