import { useEffect, useState } from 'react';
import { ACCESS_REVOKED_EVENT, type AccessEndedDetail } from '../bridge/access-ended';

/** The server's code for a token the owner revoked (electron/api/guards.ts). */
const REVOKED_CODE = 'unauthorized.token_revoked';

/**
 * When the server stops accepting this page's token (renderer/bridge/access-ended.ts tells it),
 * the page says so over everything: nothing more can be read or changed with it, and what is
 * on screen is no longer kept up to date. Why decides the words: the owner revoked the token,
 * or the server does not know it (it restarted and minted a new one). Either way the way back
 * is a new link.
 */
export function AccessRevoked() {
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    const tell = (event: Event) =>
      setCode((event as CustomEvent<AccessEndedDetail | undefined>).detail?.code ?? REVOKED_CODE);
    window.addEventListener(ACCESS_REVOKED_EVENT, tell);
    return () => window.removeEventListener(ACCESS_REVOKED_EVENT, tell);
  }, []);
  if (code === null) return null;
  const revoked = code === REVOKED_CODE;
  return (
    <div className="lg-modal-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="lg-revoked-title"
        aria-describedby="lg-revoked-text"
        className="lg-modal lg-revoked"
        data-reason={revoked ? 'revoked' : 'unknown'}
      >
        {revoked ? (
          <>
            <h2 id="lg-revoked-title">Your access was revoked</h2>
            <p id="lg-revoked-text">
              The workspace owner revoked the token this page was opened with. Nothing more can be
              read or changed with it, and the plan on screen is no longer kept up to date. Ask the
              owner for a new token to open the workspace again.
            </p>
          </>
        ) : (
          <>
            <h2 id="lg-revoked-title">This link is no longer valid</h2>
            <p id="lg-revoked-text">
              The server no longer knows the token this page was opened with — the server may have
              restarted. Nothing more can be read or changed with it, and the plan on screen is no
              longer kept up to date. Ask for a new link to open the workspace again.
            </p>
          </>
        )}
      </div>
    </div>
  );
}
