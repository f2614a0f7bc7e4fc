/** Temp folders for tests, removed in afterAll. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDirs(): { make: (label: string) => string; removeAll: () => void } {
  const made: string[] = [];
  return {
    make(label) {
      const dir = mkdtempSync(join(tmpdir(), `lg-store-${label}-`));
      made.push(dir);
      return dir;
    },
    removeAll() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
