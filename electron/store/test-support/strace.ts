/** Detects a usable strace (installed and allowed to ptrace here). Answers the reason if not. */
import { execFileSync } from 'node:child_process';

export function whyNoStrace(): string | null {
  try {
    execFileSync('strace', ['-qq', '-o', '/dev/null', 'true'], { stdio: 'ignore' });
    return null;
  } catch (cause) {
    return `strace is not installed or cannot trace here (${String(cause).split('\n')[0]})`;
  }
}
