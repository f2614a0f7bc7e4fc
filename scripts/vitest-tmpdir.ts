/**
 * Vitest's global setup: every test's temporary folders are made under one folder of this
 * run, removed when the run ends. Tests make their data folders with `mkdtemp(tmpdir())`,
 * and many left them behind: hundreds had piled up in /tmp. Readable by others (0755), as
 * /tmp is, so a test's PostgreSQL cluster, run as the `postgres` user in a folder of its own
 * under it, can still reach that folder.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'linkgraph-vitest-'));
  chmodSync(root, 0o755);
  // Read by os.tmpdir() in the test workers, which start after this.
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
