/**
 * `node --import <this file> dist/electron/main.mjs`: every `electron` the app loads is the
 * fake in electron.mjs. ESM imports (main.mjs, electron-store) go through the resolve hook;
 * main.ts also reads `screen` with createRequire('electron'), which the CommonJS resolver
 * answers, so that is redirected too. Node ≥ 20.19 lets require() load the .mjs, and both
 * ways share one module instance.
 */
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

register('./hooks.mjs', import.meta.url);

const fake = fileURLToPath(new URL('./electron.mjs', import.meta.url));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? fake : resolveFilename.call(this, request, ...rest);
};
