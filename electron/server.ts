/**
 * The Linkgraph team server (SPEC T1, docs/team-server.md): the same service, transports and
 * served editor as headless serve, for members on other machines, stored in PostgreSQL.
 *
 *   npm run server -- [--database postgres://…] [--data DIR] [--listen HOST:PORT]
 *                     [--public-origin https://plans.example.com]…
 *                     [--tls-cert cert.pem --tls-key key.pem] [--keep-request-answers 24h]
 *
 * Without `--database` it runs PGlite (embedded PostgreSQL) in `<data>/team-db/`. It prints
 * the database line and any problems on stderr, then one line
 * `Linkgraph server ready at ORIGIN/?token=TOKEN` (the owner's token), and serves until
 * SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './paths';
import { parseListen, publicOriginsFor } from './team/listen';
import { startTeamServer } from './team/team-server';
import { parseKeepRequestAnswers } from './team/team-retention';
import { runUntilSignal } from './run-until-signal';

declare const __APP_VERSION__: string;

const USAGE =
  'Usage: npm run server -- [--database postgres://…] [--data DIR] [--listen HOST:PORT] [--public-origin URL]… [--tls-cert FILE --tls-key FILE] [--keep-request-answers DURATION]';

function fail(message: string): never {
  console.error(`linkgraph server: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        database: { type: 'string' },
        data: { type: 'string' },
        listen: { type: 'string', default: '127.0.0.1:0' },
        'public-origin': { type: 'string', multiple: true },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'keep-request-answers': { type: 'string' },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}. ${USAGE}`);
  }
  const listen = parseListen(args.listen);
  if (!listen.ok) fail(listen.error);
  const tls = readTls(args['tls-cert'], args['tls-key']);
  const origins = publicOriginsFor(listen.value, args['public-origin'] ?? [], tls !== undefined);
  if (!origins.ok) fail(origins.error);
  const database = args.database ?? process.env.LINKGRAPH_DATABASE_URL;
  const keepAnswers =
    args['keep-request-answers'] === undefined
      ? undefined
      : parseKeepRequestAnswers(args['keep-request-answers']);
  if (keepAnswers && !keepAnswers.ok) fail(keepAnswers.error);

  const served = await startTeamServer({
    ...(database ? { database } : {}),
    dataDir: resolve(args.data ?? defaultDataDir()),
    host: listen.value.host,
    port: listen.value.port,
    publicOrigins: origins.value,
    ...(tls ? { tls } : {}),
    ...(keepAnswers ? { retention: { requestAnswersSeconds: keepAnswers.value } } : {}),
    version: __APP_VERSION__,
    staticDir: join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
  });
  runUntilSignal('linkgraph server', served);
}

/** The PEM files of `--tls-cert/--tls-key` (both or neither), read now so a bad path fails the start. */
function readTls(
  certFile: string | undefined,
  keyFile: string | undefined,
): { cert: Buffer; key: Buffer } | undefined {
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) fail('--tls-cert and --tls-key go together.');
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      fail(`cannot read the TLS ${what} ${file}: ${(error as Error).message}`);
    }
  };
  return { cert: read(certFile, 'certificate'), key: read(keyFile, 'key') };
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
