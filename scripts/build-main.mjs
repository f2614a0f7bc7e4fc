// Bundles the main-process entry points with esbuild (one line of config per entry, see
// README "Dependencies"). The preload runs sandboxed, so it must be one CommonJS file with
// only `electron` left external; the main process and headless serve keep node_modules external.
import { build } from 'esbuild';
import { cpSync } from 'node:fs';
import { common } from './esbuild-options.mjs';

const node = { ...common, format: 'esm', packages: 'external' };
await Promise.all([
  // The store compacts on a worker thread, which loads the fold module by path: both are
  // built next to the entry points that start them.
  build({
    ...node,
    entryPoints: ['electron/store/compaction-worker.ts'],
    outfile: 'dist/electron/store-compaction-worker.mjs',
  }),
  // Imports are parsed and checked on a worker thread (electron/service/run-import.ts). Its
  // packages are bundled in: the worker starts with each import, and resolving and loading
  // them from node_modules took about half of its ~0.2 s start (docs/exchange.md).
  build({
    ...common,
    format: 'esm',
    entryPoints: ['electron/service/import-worker.ts'],
    outfile: 'dist/electron/import-worker.mjs',
  }),
  // A large GraphML file's second half is read on a thread of its own, started by the import
  // worker (electron/service/graphml-second-thread.ts), bundled the same way.
  build({
    ...common,
    format: 'esm',
    entryPoints: ['electron/service/graphml-half-worker.ts'],
    outfile: 'dist/electron/graphml-half-worker.mjs',
  }),
  build({
    ...node,
    entryPoints: ['electron/service/workspace-fold.ts'],
    outfile: 'dist/electron/workspace-fold.mjs',
  }),
  build({
    ...common,
    entryPoints: ['electron/serve.ts'],
    outfile: 'dist/electron/serve.mjs',
    format: 'esm',
    packages: 'external',
  }),
  // A team server's snapshots are built on a worker thread (electron/team/team-snapshot.ts).
  build({
    ...node,
    entryPoints: ['electron/team/team-snapshot-worker.ts'],
    outfile: 'dist/electron/team-snapshot-worker.mjs',
  }),
  // The team server (docs/team-server.md); its SQL migrations are read from beside the bundle.
  build({
    ...node,
    entryPoints: ['electron/server.ts'],
    outfile: 'dist/electron/server.mjs',
  }),
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.mjs',
    format: 'esm',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
]);
cpSync('electron/team/migrations', 'dist/electron/team-migrations', { recursive: true });
