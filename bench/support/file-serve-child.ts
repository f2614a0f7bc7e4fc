/**
 * Headless serve on a data folder (the file store), in its own process, for the server
 * bench's file-store peer: prints "origin <origin> <token>" and "ready"; SIGINT ends it.
 */
import { startHeadless } from '../../electron/headless';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: file-serve-child DATA_DIR');
const served = await startHeadless({ dataDir, port: 0, version: '0.0.0-bench' });
process.once('SIGINT', () => process.exit(0));
process.stdout.write(`origin http://127.0.0.1:${served.api.port} ${served.token}\nready\n`);
