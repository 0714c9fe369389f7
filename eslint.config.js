// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed relay (src-main/electron/ipc-relay.ts) or the preload bridge, never raw IPC.',
};

/** Import boundaries: who may import whom (see docs/architecture.md). */
function boundaries(patterns, paths = []) {
  return { 'no-restricted-imports': ['error', { patterns, paths }] };
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...boundaries(
        [
          {
            group: ['**/src-main/**', '**/src-preload/**'],
            message: 'The renderer talks to the host only through the contract.',
          },
          { group: ['node:*'], message: 'The renderer runs in a sandboxed browser context.' },
        ],
        [
          {
            name: 'electron',
            message: 'The renderer never imports electron; use window.skein from the preload.',
          },
        ],
      ),
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: boundaries([
      {
        group: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**'],
        message: 'The contract depends on nothing but zod.',
      },
      {
        group: ['node:*', 'electron'],
        message: 'The contract runs in every process, including the browser.',
      },
    ]),
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: boundaries(
      [
        {
          group: ['**/host/**', '**/electron/**', '**/src-renderer/**'],
          message: 'core depends only on store/git primitives and the contract.',
        },
      ],
      [
        {
          name: 'electron',
          message: 'Nothing under src-main/core imports electron: the host is plain Node.',
        },
      ],
    ),
  },
  {
    files: ['src-main/host/**/*.ts'],
    rules: boundaries(
      [
        {
          group: ['**/electron/**', '**/src-renderer/**'],
          message: 'The host is plain Node and serves every client the same way.',
        },
      ],
      [{ name: 'electron', message: 'The host is plain Node: it must run without Electron.' }],
    ),
  },
  {
    files: ['src-main/electron/**/*.ts', 'src-preload/**/*.ts'],
    ignores: ['src-main/electron/ipc-relay.ts', 'src-preload/index.ts'],
    rules: boundaries(
      [
        {
          group: ['**/core/**', '**/src-renderer/**'],
          message: 'Electron main speaks the contract to the host; it never imports core services.',
        },
      ],
      [rawIpc],
    ),
  },
);
