/**
 * Child process for the service crash test: starts the service on the data folder in argv[2]
 * (as headless serve does), prints what it opened ("opened {titles, problems}": the check of
 * the previous round's kill), then "ready", then runs LANES writers concurrently, each making
 * nodes `<prefix>-<lane>-<n>` through the service one after another and printing "ack <title>"
 * as soon as the service answers, while the workspace is compacted every few dozen ms. Runs
 * until killed.
 */
import { startService } from '../../service/start-service';

const [dataDir, prefix] = process.argv.slice(2);
if (!dataDir || !prefix) throw new Error('usage: service-writer-child DATA_DIR PREFIX');
const LANES = 6;

const { service, hub, owner } = await startService({
  dataDir,
  mode: 'serve',
  version: '0.0.0-test',
});
const session = await hub.session();
if (!session.ok) {
  process.stdout.write(`open-error ${session.error.message}\n`);
  process.exit(2);
}
const view = await service.call('graph.get', undefined, { member: owner });
const info = await service.call('app.info', undefined, { member: owner });
process.stdout.write(
  `opened ${JSON.stringify({
    titles: view.ok
      ? (view.value as { nodes: { title: string }[] }).nodes.map((n) => n.title)
      : null,
    problems: info.ok ? (info.value as { problems: string[] }).problems : null,
  })}\n`,
);
const workspace = session.value;
process.stdout.write('ready\n');

async function writer(lane: number): Promise<void> {
  for (let n = 0; ; n++) {
    const title = `${prefix}-${lane}-${n}`;
    const made = await service.call('node.create', { title }, { member: owner });
    if (!made.ok) {
      if (made.error.code === 'internal.store_closed') return;
      process.stdout.write(`append-error ${title} ${made.error.code} ${made.error.message}\n`);
      return;
    }
    process.stdout.write(`ack ${title}\n`);
  }
}

async function compactor(): Promise<void> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 40));
    const compacted = await workspace.compact();
    if (!compacted.ok) process.stdout.write(`compact-error ${compacted.error.message}\n`);
  }
}

await Promise.all([...Array.from({ length: LANES }, (_, lane) => writer(lane)), compactor()]);
