// @ts-check
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of DESIGN.md §3 and which way imports may point:
 *   shared ← core ← host, server, cli, electron-main;  shared ← renderer, electron-preload.
 * Anything else (the renderer reaching into core, core importing a host) fails `npm run lint`.
 */
const LAYERS = [
  { type: 'shared', pattern: 'src/shared' },
  { type: 'core', pattern: 'src/core' },
  { type: 'host', pattern: 'src/host' },
  { type: 'server', pattern: 'src/server' },
  { type: 'cli', pattern: 'src/cli' },
  { type: 'renderer', pattern: 'src/renderer' },
  { type: 'electron-main', pattern: 'electron/main' },
  { type: 'electron-preload', pattern: 'electron/preload' },
  { type: 'tests', pattern: 'tests' },
];

const MAY_IMPORT = {
  shared: ['shared'],
  core: ['shared', 'core'],
  host: ['shared', 'core', 'host'],
  server: ['shared', 'core', 'server'],
  // The CLI starts the host and the server.
  cli: ['shared', 'core', 'host', 'server', 'cli'],
  renderer: ['shared', 'renderer'],
  'electron-main': ['shared', 'core', 'electron-main'],
  'electron-preload': ['shared', 'electron-preload'],
  tests: LAYERS.map((layer) => layer.type),
};

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'net',
  'url',
  'worker_threads',
];

export default defineConfig(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'scratch/**',
      'node_modules/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': LAYERS.map(({ type, pattern }) => ({ type, pattern })),
      'boundaries/include': ['src/**/*', 'electron/**/*', 'tests/**/*'],
      'boundaries/files': [{ category: 'test', pattern: '**/*.test.{ts,tsx}' }],
      // Resolve extensionless TypeScript imports the way the bundlers do.
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message:
            'a {{from.type}} module may not import from {{to.type}} (see DESIGN.md §3: imports point one way)',
          policies: [
            ...Object.entries(MAY_IMPORT).map(([from, to]) => ({
              from: { element: { type: from } },
              allow: { to: { element: { types: { anyOf: to } } } },
            })),
            // A unit test next to its code may use the shared test helpers.
            {
              from: { file: { categories: 'test' } },
              allow: { to: { element: { type: 'tests' } } },
            },
          ],
        },
      ],
    },
  },
  // Where code runs decides which platform modules it may use.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom'],
              message: 'src/shared runs anywhere: no Node, DOM, Electron or React.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // About React Compiler memoisation, which the app does not use; TanStack Virtual is fine.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws'],
              message:
                'The renderer runs in the page: it reaches the core only through src/renderer/api.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/host/**/*.ts', 'src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message:
                'Only electron/ imports Electron; the core also runs in the browser host, the server and the CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'zod',
                'better-sqlite3',
                '**/core/**',
                '**/contract/contract',
                '**/shared/domain',
              ],
              message: 'The sandboxed preload stays small: method and event names only.',
            },
          ],
        },
      ],
    },
  },
);
