// The esbuild options every main-process bundle is built with (build-main.mjs), shared with
// the benchmarks that measure code as the app ships it (bench/support/bundled.ts).
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(version) },
};
