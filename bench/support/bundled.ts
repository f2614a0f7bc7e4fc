/**
 * Benchmarks of code the app ships as an esbuild bundle (the main process, the import worker)
 * measure that bundle, not the sources under tsx: tsx transforms each module on its own, and
 * its module glue (an imported binding read through a getter at every use) slows our code but
 * not a package's (saxes, say), which skews a ratio against such a peer. Measured on the
 * 10,000-node GraphML import, fresh processes alternated (2026-12-02 13:58 UTC, load ~1.5):
 * under tsx 1.91–2.71× saxes alone, bundled 1.49–1.70×.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';
import { common } from '../../scripts/esbuild-options.mjs';

/** Inside node_modules, so that the packages left out of a bundle (esbuild) still resolve. */
const OUT_DIR = join('node_modules', '.cache', 'linkgraph-bench');

/** Bundles `entry` (a path from the repository's root) as the import worker is built. */
export function bundle(entry: string): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = join(OUT_DIR, basename(entry).replace(/\.ts$/, '.mjs'));
  buildSync({ ...common, format: 'esm', entryPoints: [entry], outfile, external: ['esbuild'] });
  return outfile;
}

/** This process's Node flags but tsx's loader (`--import tsx`): the bundle needs none. */
function flagsWithoutTsx(): string[] {
  const flags: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--import' && argv[i + 1] === 'tsx') i++;
    else if (argv[i] !== '--import=tsx') flags.push(argv[i] as string);
  }
  return flags;
}

/** Set in the bundled copy's environment: it is the one that measures. */
const BUNDLED = 'LINKGRAPH_BENCH_BUNDLED';

/**
 * Runs the benchmark `entry` from its bundle, in a process of its own with the same flags, and
 * answers that process's exit code; inside the bundle, answers undefined (measure there).
 */
export function runBundled(entry: string): number | undefined {
  if (process.env[BUNDLED] === '1') return undefined;
  const file = bundle(entry);
  const child = spawnSync(
    process.execPath,
    [...flagsWithoutTsx(), file, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, [BUNDLED]: '1' },
    },
  );
  return child.status ?? 1;
}
