/** Runs a test-support script in a child Node process (optionally under strace) and reads its lines. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RunningChild {
  child: ChildProcess;
  lines: string[];
  /** Resolves when a line starting with `prefix` has arrived (or the child exits). */
  waitFor(prefix: string): Promise<boolean>;
  exited: Promise<number | null>;
}

export function spawnScript(
  script: string,
  args: string[],
  wrapper: string[] = [],
  env: Record<string, string> = {},
): RunningChild {
  const path = fileURLToPath(new URL(`./${script}`, import.meta.url));
  const command = [...wrapper, process.execPath, '--import', 'tsx', path, ...args];
  const child = spawn(command[0] as string, command.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (v: boolean) => void }[] = [];
  let buffered = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? ''; // an unfinished line (cut by a kill) is not counted
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((w) => line.startsWith(w.prefix))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(true);
      }
    }
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      for (const w of waiters.splice(0)) w.resolve(false);
      if (code !== 0 && code !== null && stderr)
        console.warn(`child stderr: ${stderr.slice(-2000)}`);
      resolve(code);
    }),
  );
  return {
    child,
    lines,
    exited,
    waitFor: (prefix) =>
      lines.some((l) => l.startsWith(prefix))
        ? Promise.resolve(true)
        : new Promise((resolve) => waiters.push({ prefix, resolve })),
  };
}
