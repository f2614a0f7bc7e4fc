/**
 * Running the seeds' own Python clients (requests, python-socketio) from tests. Debian's
 * /usr/bin/python3 is used explicitly: its packages (python3-requests, python3-socketio,
 * python3-websocket) are what `.ci/run` installs. A missing module makes the caller's test
 * skip with a loud warning, never pass silently.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = '/usr/bin/python3';

/** True when PYTHON imports every module; otherwise warns that `what` is SKIPPED. */
export function pythonHas(modules: readonly string[], what: string): boolean {
  const ok =
    existsSync(PYTHON) &&
    spawnSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')]).status === 0;
  if (!ok)
    console.warn(
      `\n[${what}] SKIPPED: ${PYTHON} with the modules ${modules.join(', ')} is missing.\n`,
    );
  return ok;
}

/**
 * Runs PYTHON with `args`, asynchronously: the server the script talks to runs in this very
 * process, so a synchronous spawn would deadlock.
 */
export function runPython(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
