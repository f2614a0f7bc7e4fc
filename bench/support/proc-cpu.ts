/**
 * CPU time of processes from /proc (Linux), for benchmarks on a shared machine: the CPU a
 * change costs is steadier than the changes per second other people's work leaves us.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ on Linux

interface Stat {
  ppid: number;
  /** user + system CPU, ms */
  cpu: number;
}

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may hold spaces and parentheses: the fields follow its last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { ppid: Number(fields[1]), cpu: (ticks * 1000) / TICKS_PER_S };
  } catch {
    return null;
  }
}

/** The pids of all processes, with their parents. */
function processes(): Map<number, Stat> {
  const all = new Map<number, Stat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s) all.set(Number(name), s);
  }
  return all;
}

/** The PostgreSQL server listening on `port` (its postmaster's pid), found by its command line. */
export function postmasterOn(port: number): number | null {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      const at = argv.indexOf('-p');
      if (argv[0]?.endsWith('postgres') && at > 0 && argv[at + 1] === String(port))
        return Number(name);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** CPU ms used so far by `pid` and (with `children`) its living child processes. */
export function cpuMs(pid: number, children = false): number {
  if (!children) return stat(pid)?.cpu ?? 0;
  let total = 0;
  for (const [p, s] of processes()) if (p === pid || s.ppid === pid) total += s.cpu;
  return total;
}
