/**
 * Headless serve (SPEC X7): the service, store and local API without Electron, serving the
 * built renderer so the whole app runs in a browser.
 *
 *   npm run serve -- --data DIR --port N
 *
 * prints exactly one line, `Linkgraph ready at http://127.0.0.1:PORT/?token=TOKEN`, and
 * serves until SIGINT/SIGTERM.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startApiServer } from './api/http-server';
import { findToken, mintToken } from './api/tokens';
import { defaultDataDir } from './paths';
import { appHandlers } from './service/handlers';
import { createService } from './service/service';
import { ensureOpenWorkspace, readGraphFile } from './service/workspace-registry';
import { openSettings } from './settings/open-settings';

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
  mkdirSync(dataDir, { recursive: true });

  const here = dirname(fileURLToPath(import.meta.url));
  const { settings, problems } = openSettings(dataDir, __APP_VERSION__);
  for (const problem of problems) console.error(`linkgraph serve: ${problem}`);
  const workspace = ensureOpenWorkspace(settings, dataDir);
  const owner = readGraphFile(dataDir, workspace.id).owner;
  const service = createService(
    appHandlers({ dataDir, settings, mode: 'serve', version: __APP_VERSION__, problems }),
  );
  // Each serve start mints a fresh owner token (tokens are stored hashed, so an old one cannot be shown again).
  const token = mintToken(
    settings,
    { workspace: workspace.id, member: owner, label: 'serve' },
    true,
  );

  const api = await startApiServer({
    service,
    port,
    staticDir: join(here, '..', 'renderer'),
    resolveToken: (presented) => findToken(settings.get('apiTokens'), presented)?.member,
  });
  console.log(`Linkgraph ready at http://127.0.0.1:${api.port}/?token=${token}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`linkgraph serve: error while stopping on ${signal}:`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
