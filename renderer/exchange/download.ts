/**
 * Saving a file from the page: an `<a download>` click, which the Electron shell and every
 * browser turn into a save (Playwright sees it as a download). Object URLs are revoked once
 * the click has been handled, so a large export does not stay in memory.
 */

/** Saves a Blob as a file. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  downloadUrl(filename, url);
  // The download has started once click() returns; a tick later the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves a `data:` or `blob:` URL as a file. */
export function downloadUrl(filename: string, url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The name of a workspace as a file name (letters, digits, `.`, `_`, `-`). */
export function fileStem(name: string | undefined): string {
  const safe = (name ?? '')
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return safe || 'linkgraph';
}
