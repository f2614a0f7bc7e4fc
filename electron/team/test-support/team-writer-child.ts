/**
 * Child process for the team crash test: starts a team server (`startTeamServer`, as `npm
 * run server` does) on the data folder in argv[2] with the embedded database (or argv[3], a
 * postgres:// URL), prints "ready", then runs LANES writers concurrently, each making nodes
 * `<prefix><lane>-<n>` through the service and printing "ack <title>" once the service answers
 * (after the commit). Runs until killed. Optional argv[4]: the number of writers (default 4; 0
 * makes it a server only, an observer); argv[5]: the title prefix. It also prints
 * "origin <origin> <token>" so a test can reach it over HTTP.
 */
import { startTeamServer } from '../team-server';

if (process.env.LINKGRAPH_TEST_KILL_AFTER_KEYED_COMMIT) await import('./kill-after-keyed-commit');

const [dataDir, database, lanes, prefix = ''] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: team-writer-child DATA_DIR [DATABASE_URL [LANES [PREFIX]]]');
const LANES = lanes === undefined ? 4 : Number(lanes);

const server = await startTeamServer({
  dataDir,
  ...(database ? { database } : {}),
  port: 0,
  version: '0.0.0-test',
});
const { service, owner } = server.started;
// SIGINT ends it normally (so `node --cpu-prof` writes its profile); the tests SIGKILL it.
process.once('SIGINT', () => process.exit(0));
process.stdout.write(`origin ${server.origin} ${server.token}\n`);
process.stdout.write('ready\n');
await Promise.all(
  Array.from({ length: LANES }, async (_, lane) => {
    for (let n = 0; ; n++) {
      const title = `${prefix}${lane}-${n}`;
      const made = await service.call('node.create', { title }, { member: owner });
      if (!made.ok) {
        process.stdout.write(`error ${made.error.message}\n`);
        return;
      }
      process.stdout.write(`ack ${title}\n`);
    }
  }),
);
