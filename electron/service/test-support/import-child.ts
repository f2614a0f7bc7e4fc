/**
 * A child process for the interrupted-import test: starts the service over a data folder,
 * prints `importing`, and imports a large CSV file (the parent kills it part-way).
 */
import { startService } from '../start-service';

const [dataDir, count = '20000'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: import-child.ts DATA_DIR [NODES]');
const started = await startService({ dataDir, mode: 'serve', version: '0.2.0' });
const rows = Array.from({ length: Number(count) }, (_, i) => `node ${i}\r\n`).join('');
console.log('importing');
const imported = await started.service.call(
  'import',
  { format: 'csv', content: `title\r\n${rows}`, name: 'Big' },
  { member: started.owner },
);
console.log(imported.ok ? 'imported' : `refused ${imported.error.code}`);
await started.hub.closeAll();
