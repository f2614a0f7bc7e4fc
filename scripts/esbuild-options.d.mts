import type { BuildOptions } from 'esbuild';

/** esbuild-options.mjs: the options every main-process bundle is built with. */
export declare const common: BuildOptions;
