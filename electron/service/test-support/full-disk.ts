/** A small tmpfs to fill up, for tests of what the service does on a full disk (needs root). */
import { closeSync, mkdirSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { mountSmallDisk, whyNoTmpfs, type SmallDisk } from '../../store/test-support/tmpfs';

export { mountSmallDisk, whyNoTmpfs, type SmallDisk };

/**
 * Fills the disk, leaving `leave` bytes (tmpfs counts whole pages of 4 KiB); answers the
 * function that frees it again.
 */
export function fillDisk(disk: SmallDisk, leave = 0): () => void {
  const spare = join(disk.dir, 'spare');
  if (leave > 0) {
    const fd = openSync(spare, 'w');
    writeSync(fd, Buffer.alloc(leave, 1));
    closeSync(fd);
  }
  const filler = join(disk.dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(4096, 2);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'ENOSPC') throw cause;
  }
  // Small writes may still fit in the last partial page: fill that too.
  try {
    for (;;) writeSync(fd, Buffer.alloc(1, 2));
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'ENOSPC') throw cause;
  }
  closeSync(fd);
  if (leave > 0) unlinkSync(spare);
  return () => rmSync(filler, { force: true });
}

/** A fresh folder on the disk. */
export function folderOn(disk: SmallDisk, name: string): string {
  const dir = join(disk.dir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
