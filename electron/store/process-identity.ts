/**
 * Tells a process apart from a later one that reuses its pid: a lock records who took it, and
 * a pid alone names a different, unrelated process once the owner has died and the number has
 * come round again (common after a restart, when pids are handed out from the start again).
 *
 * On Linux a process's start time in clock ticks since boot (/proc/<pid>/stat, field 22) and
 * the boot id identify it exactly. Elsewhere `ps -o lstart=` gives its start to the second
 * (macOS, BSD). Where neither is available (Windows) the answer is null: not known.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcessIdentity {
  /** Linux: start time in clock ticks since boot, exactly as /proc gives it. */
  startTicks?: string;
  /** Linux: changes at every boot. */
  bootId?: string;
  /** When the process started (ms since the epoch), to about a second. */
  startedAt: number;
}

/** Linux reports /proc times in USER_HZ, which is 100 on every architecture Node runs on. */
const USER_HZ = 100;

export function processIdentity(pid: number): ProcessIdentity | null {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Field 2 (the command) may hold spaces and parentheses: the fields after it follow the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const startTicks = fields[19]; // field 22
      const bootTime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
      const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
      if (startTicks && /^\d+$/.test(startTicks) && bootTime) {
        const startedAt = Number(bootTime) * 1000 + (Number(startTicks) * 1000) / USER_HZ;
        return { startTicks, bootId, startedAt };
      }
    } catch {
      return null; // gone, or /proc not mounted
    }
    return null;
  }
  if (process.platform === 'win32') return null;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C', TZ: process.env.TZ ?? '' },
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
    }).trim();
    const startedAt = Date.parse(out);
    return Number.isFinite(startedAt) ? { startedAt } : null;
  } catch {
    return null;
  }
}

/** Start times measured two ways (boot time is whole seconds, ps prints seconds) agree to this. */
export const START_TOLERANCE_MS = 2000;
