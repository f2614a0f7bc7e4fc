// The error model lives beside the engine; this path is the one the rest of the app imports.
export * from './engine/errors';
