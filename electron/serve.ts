/**
 * Headless serve (SPEC X7): the service, store and local API without Electron, serving the
 * built renderer so the whole app runs in a browser.
 *
 *   npm run serve -- --data DIR --port N
 *
 * prints exactly one line, `Linkgraph ready at http://127.0.0.1:PORT/?token=TOKEN`, and
 * serves until SIGINT/SIGTERM, which close the server and flush every workspace.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startHeadless } from './headless';
import { defaultDataDir } from './paths';
import { runUntilSignal } from './run-until-signal';

declare const __APP_VERSION__: string;

function fail(message: string): never {
  console.error(`linkgraph serve: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: { data: { type: 'string' }, port: { type: 'string', default: '0' } },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}. Usage: npm run serve -- --data DIR --port N`);
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be 0–65535, got "${args.port}".`);
  const dataDir = resolve(args.data ?? defaultDataDir());

  const served = await startHeadless({
    dataDir,
    port,
    version: __APP_VERSION__,
    staticDir: join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
  });
  runUntilSignal('linkgraph serve', served);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
