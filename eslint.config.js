// Lint is where the architecture's boundaries are enforced (see README "Architecture").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Imports the pure engine must never make: UI, Electron, storage, or any Node I/O. */
const sharedForbidden = {
  paths: [
    'electron',
    'electron-store',
    'conf',
    'react',
    'react-dom',
    '@xyflow/react',
    'zustand',
  ].map((name) => ({
    name,
    message: 'shared/ is pure: no Electron, React, UI or storage imports.',
  })),
  patterns: [
    {
      group: [
        'node:*',
        'fs',
        'fs/*',
        'path',
        'os',
        'child_process',
        'http',
        'net',
        'crypto',
        'electron/*',
        'react/*',
        'react-dom/*',
        '@xyflow/*',
      ],
      message: 'shared/ is pure: no Node built-ins, Electron, or React imports.',
    },
    {
      group: ['**/electron/**', '**/renderer/**', '../electron', '../renderer'],
      message: 'shared/ must not depend on electron/ or renderer/.',
    },
  ],
};

/** The renderer reaches the service only through the bridge, never main-process code. */
const rendererForbidden = {
  paths: [
    { name: 'electron', message: 'renderer/ talks to main only through the preload bridge.' },
    { name: 'electron-store', message: 'renderer/ has no direct store access.' },
    { name: 'conf', message: 'renderer/ has no direct store access.' },
  ],
  patterns: [
    {
      group: ['**/electron/**', '../electron', '../../electron', 'node:*', 'electron/*'],
      message:
        'renderer/ must not import from electron/ or Node: use the bridge (renderer/bridge).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Engine code only: tests of shared/ may use Node (e.g. to run Graphviz on an export).
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/**/test-support/**'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': ['error', sharedForbidden] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererForbidden],
    },
  },
  {
    // Test files may not switch themselves off or focus a subset.
    files: ['**/*.test.ts', '**/*.spec.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'No focused tests.' },
        { object: 'describe', property: 'only', message: 'No focused tests.' },
        { object: 'test', property: 'only', message: 'No focused tests.' },
        {
          object: 'it',
          property: 'skip',
          message: 'Skip with a loud reason via test.skip(cond, reason) only.',
        },
        { object: 'describe', property: 'skip', message: 'No skipped suites.' },
      ],
    },
  },
);
