/**
 * Runs the built main process (`dist/electron/main.mjs`) in plain Node with the fake
 * `electron` of this folder, and talks to the fake over the child's IPC channel.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const MAIN_ENTRY = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'dist',
  'electron',
  'main.mjs',
);
const REGISTER = pathToFileURL(join(import.meta.dirname, 'register.mjs')).href;

/** Something the fake reported on its own (`window-created`, `loaded`, `exit`, …). */
export interface FakeEvent {
  type: string;
  [key: string]: unknown;
}

interface Reply {
  type: 'reply';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

export class FakeElectronApp {
  readonly events: FakeEvent[] = [];
  /** Settles with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  private stderr = '';
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('message', (message: FakeEvent | Reply) => {
      if (message.type === 'reply') this.pending.get((message as Reply).id)?.(message as Reply);
      else this.events.push(message as FakeEvent);
      for (const wake of this.waiters) wake();
    });
    this.exited = new Promise((resolve) =>
      child.on('exit', (code) => {
        for (const wake of this.waiters) wake();
        for (const answer of this.pending.values())
          answer({ type: 'reply', id: 0, ok: false, error: `the app exited (${code})` });
        resolve(code);
      }),
    );
  }

  static launch(dataDir: string): FakeElectronApp {
    if (!existsSync(MAIN_ENTRY))
      throw new Error(`${MAIN_ENTRY} is missing: run "npm run build" first.`);
    const child = spawn(process.execPath, ['--import', REGISTER, MAIN_ENTRY, '--data', dataDir], {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    return new FakeElectronApp(child);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The first reported event of this type (waiting for it), failing if the app ends first. */
  async waitFor(type: string, timeoutMs = 10_000): Promise<FakeEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => e.type === type);
      if (found) return found;
      if (!this.running) throw new Error(`The app ended before "${type}". ${this.diagnostics()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No "${type}" in ${timeoutMs} ms. ${this.diagnostics()}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Runs one of the fake's ops (electron.mjs `ops`) in the app process. */
  request<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (reply) => {
        this.pending.delete(id);
        if (reply.ok) resolve(reply.value as T);
        else reject(new Error(`${op} failed in the app: ${reply.error}`));
      });
      this.child.send({ id, op, ...args });
    });
  }

  /** Quits as the app menu or the OS would (app.quit()), and answers the exit code. */
  async quit(): Promise<number | null> {
    await this.request('quit');
    return this.exited;
  }

  /** Closes the window as its close button would, and answers the exit code. */
  async closeWindow(): Promise<number | null> {
    await this.request('closeWindow');
    return this.exited;
  }

  /** Ends the process if a test failed before quitting it. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  diagnostics(): string {
    return `events: ${JSON.stringify(this.events)}; stderr: ${this.stderr.slice(-2000)}`;
  }
}
