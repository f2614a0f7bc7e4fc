// `npm start` (after the build): launches the Electron app. If the binary is missing it tries
// the `electron` package's download once, and if that fails says in one sentence how to get it.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronPackageDir, findElectronBinary, HOW_TO_GET_ELECTRON } from './electron-binary.mjs';

let binary = findElectronBinary();
if (!binary && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  console.log('Electron binary not found; downloading it once…');
  spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], { stdio: 'ignore' });
  binary = findElectronBinary();
}
if (!binary) {
  console.error(HOW_TO_GET_ELECTRON);
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
