/** A small tmpfs for disk-full tests (needs root). Answers null, with the reason, when unavailable. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  unmount: () => void;
}

export function whyNoTmpfs(): string | null {
  if (process.platform !== 'linux') return `tmpfs needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root (uid 0)';
  try {
    mountSmallDisk(64 * 1024).unmount(); // root may still lack the right to mount (containers)
    return null;
  } catch (cause) {
    return `cannot mount a tmpfs here (${String(cause).split('\n')[0]})`;
  }
}

export function mountSmallDisk(bytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'lg-store-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
  return {
    dir,
    unmount: () => {
      try {
        execFileSync('umount', [dir]);
      } catch {
        execFileSync('umount', ['-l', dir]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
