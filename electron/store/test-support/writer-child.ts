/**
 * Child process for the crash tests: opens the workspace in argv[2], prints "ready", then
 * appends batches `<prefix>-<n>` (several in flight, with frequent background compactions)
 * and prints "ack <id>" for each one as soon as its append resolves. Runs until killed, or
 * until argv[5] batches are done. argv[4] says where compaction runs: worker or inline.
 */
import { openWorkspaceFiles } from '../workspace-store';
import { FOLD_MODULE, fold } from './items-fold';

const [dir, prefix, foldMode, limitArg] = process.argv.slice(2);
if (!dir || !prefix) throw new Error('usage: writer-child DIR PREFIX worker|inline [LIMIT]');
const limit = limitArg ? Number(limitArg) : Infinity;
const opened = await openWorkspaceFiles(dir, {
  // 'inline' compacts on this thread: fast, so kills land inside the install steps too.
  fold: foldMode === 'inline' ? { fn: fold } : { modulePath: FOLD_MODULE },
  autoCompactBytes: 4096,
  onBackgroundError: (e) => process.stdout.write(`compact-error ${e.code} ${e.message}\n`),
});
if (!opened.ok) {
  process.stdout.write(`open-error ${opened.error.message}\n`);
  process.exit(2);
}
const { store } = opened.value;
process.stdout.write('ready\n');

const IN_FLIGHT = 4;
let next = 0;
async function lane(): Promise<void> {
  while (next < limit) {
    const id = `${prefix}-${next++}`;
    const result = await store.append({ batchId: id, set: { [id]: 'v'.repeat(100) } });
    if (!result.ok) {
      process.stdout.write(`append-error ${id} ${result.error.code}\n`);
      return;
    }
    process.stdout.write(`ack ${id}\n`);
  }
}
await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
await store.close();
process.stdout.write('done\n');
