// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'stream', 'url', 'util', 'worker_threads'];

/** Process boundaries (STYLE.md): where a file lives decides what it may import. */
const boundary = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'bench-results/**', 'coverage/**', '**/.exp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a const map (as const) instead of an enum.' },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  boundary(
    ['src/shared/**'],
    ['electron', 'electron/*', ...NODE_BUILTINS, 'react', 'react-dom', 'antd', '**/main/**', '**/renderer/**', '**/server/**', '**/preload/**'],
    'src/shared is pure TypeScript used by every process: no electron, node:*, DOM or UI.',
  ),
  {
    files: ['src/shared/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'localStorage', 'indexedDB', 'navigator', 'process', 'Buffer', '__dirname', 'require'].map(
          (name) => ({ name, message: 'src/shared runs in every process: no DOM or Node globals.' }),
        ),
      ],
    },
  },
  boundary(
    ['src/renderer/**'],
    ['electron', 'electron/*', ...NODE_BUILTINS, '**/main/**', '**/server/**', '**/preload/index*'],
    'The renderer reaches main only through window.dangan; it never imports main, server or Node.',
  ),
  boundary(
    ['src/server/**'],
    ['electron', 'electron/*', '**/renderer/**', '**/main/**', '**/preload/**', 'react', 'antd'],
    'The server runs without Electron or the UI.',
  ),
  {
    // Binary sniffing and file-name checks match control bytes on purpose.
    files: ['src/main/**', 'src/server/**', 'src/renderer/src/features/search/**'],
    rules: { 'no-control-regex': 'off' },
  },
  boundary(
    ['src/main/**'],
    ['**/renderer/**', '**/server/**', 'react', 'antd', 'rxdb', 'rxdb/*', 'dexie'],
    'Main owns files and OS access; it never reads the database or imports the UI or the server.',
  ),
  boundary(
    ['src/preload/**'],
    [...NODE_BUILTINS, '**/main/**', '**/renderer/**', '**/server/**', 'rxdb', 'react'],
    'The preload only bridges the IPC contract.',
  ),
  {
    // List queries run only through defineListQuery (see db/list-query.ts), so the query-plan
    // test sees every one of them.
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/**/*.queries.ts', 'src/renderer/src/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a const map (as const) instead of an enum.' },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: "CallExpression[callee.property.name='find'][arguments.length=0]",
          message: 'A whole-collection find() is a full scan: declare a list query with defineListQuery.',
        },
        {
          selector: "CallExpression[callee.property.name='find'][arguments.0.type='ObjectExpression']",
          message: 'Declare list queries with defineListQuery in a *.queries.ts file (query-plan test).',
        },
      ],
    },
  },
  {
    files: ['**/*.config.{js,ts}', 'eslint.config.js', 'scripts/**', 'bench/**', 'test/e2e/global-setup.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
