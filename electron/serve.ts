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
import { startApiServer } from './api/http-server';
import { findToken, mintToken } from './api/tokens';
import { defaultDataDir } from './paths';
import { startService } from './service/start-service';

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

  const started = await startService({ dataDir, mode: 'serve', version: __APP_VERSION__ });
  const { service, hub, settings, owner, problems } = started;
  for (const problem of problems) console.error(`linkgraph serve: ${problem}`);
  // Each start mints a fresh owner token (tokens are stored hashed, so an old one cannot be shown again).
  const token = mintToken(settings, { workspace: '*', member: owner, label: 'serve' }, true);

  const api = await startApiServer({
    service,
    port,
    staticDir: join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
    resolveToken: (presented) => findToken(settings.get('apiTokens'), presented)?.member,
    rpcExempt: (member) => member === owner,
  });
  console.log(`Linkgraph ready at http://127.0.0.1:${api.port}/?token=${token}`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    try {
      await api.close();
      await hub.closeAll();
      process.exit(0);
    } catch (error) {
      console.error(`linkgraph serve: error while stopping on ${signal}:`, error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
