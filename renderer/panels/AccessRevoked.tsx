import { useEffect, useState } from 'react';
import { ACCESS_REVOKED_EVENT } from '../bridge/http-bridge';

/**
 * When the owner revokes this page's token (renderer/bridge/http-bridge.ts tells it), the
 * page says so over everything: nothing more can be read or changed with it, and what is on
 * screen is no longer kept up to date. The way back is a new token from the owner.
 */
export function AccessRevoked() {
  const [revoked, setRevoked] = useState(false);
  useEffect(() => {
    const tell = () => setRevoked(true);
    window.addEventListener(ACCESS_REVOKED_EVENT, tell);
    return () => window.removeEventListener(ACCESS_REVOKED_EVENT, tell);
  }, []);
  if (!revoked) return null;
  return (
    <div className="lg-modal-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="lg-revoked-title"
        aria-describedby="lg-revoked-text"
        className="lg-modal lg-revoked"
      >
        <h2 id="lg-revoked-title">Your access was revoked</h2>
        <p id="lg-revoked-text">
          The workspace owner revoked the token this page was opened with. Nothing more can be read
          or changed with it, and the plan on screen is no longer kept up to date. Ask the owner for
          a new token to open the workspace again.
        </p>
      </div>
    </div>
  );
}
