// Lint, including the architecture of DESIGN.md as import rules:
// shared imports neither side; infrastructure (db, mqtt, http, lib) never imports a module; a module reaches
// another only through its index.ts; only server/src/demo/ imports a module's demo loader; migrations import
// only kysely; web features never import each other; file names are kebab-case. The module and feature lists
// are read from their folders. Import cycles are found by scripts/check-cycles.mjs (part of `npm run lint`).
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** A small local rule: every source file's name is kebab-case, with dot-separated parts. */
const fileNamePlugin = {
  rules: {
    'kebab-case': {
      meta: {
        type: 'suggestion',
        schema: [],
        messages: { name: 'File names are kebab-case (e.g. work-orders.service.ts), not "{{name}}".' },
      },
      create(context) {
        const name = path.basename(context.filename);
        return {
          Program(node) {
            if (!/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*\.(ts|tsx|mjs|js)$/.test(name))
              context.report({ node, messageId: 'name', data: { name } });
          },
        };
      },
    },
  },
};

/** The folders are the lists: a new module or feature is under these rules the day it is created. */
const folders = (dir) =>
  fs
    .readdirSync(new URL(dir, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
const MODULES = folders('./server/src/modules/');

/** A module's demo loader (<name>.demo.ts) is no part of its API: only server/src/demo/ imports it. */
const DEMO_FILES = { regex: '\\.demo$', message: 'Only server/src/demo/ loads the demo (import the module through its index).' };

/** Inside module X: another module only through '../Y' (its index), never '../Y/file'. */
const moduleBoundaries = MODULES.map((name) => ({
  files: [`server/src/modules/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: `^\\.\\./(?!${name}/|\\.\\./)[^/]+/.+`, message: 'Reach another module only through its index.ts.' },
          { regex: '^(\\.\\./)+(app|main|platform)$', message: 'Modules do not import the composition root.' },
          DEMO_FILES,
        ],
      },
    ],
  },
}));

const WEB_FEATURES = folders('./web/src/features/');
const webFeatureBoundaries = WEB_FEATURES.map((name) => {
  const others = WEB_FEATURES.filter((f) => f !== name).join('|');
  return {
    files: [`web/src/features/${name}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(features/)?(${others})(/|$)`,
              message: 'Features never import each other; lift shared code to components/ or lib/.',
            },
            { regex: `^@/features/(${others})(/|$)`, message: 'Features never import each other.' },
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-undef': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(server|web)/', message: 'shared imports neither side.' },
            { regex: '^@tiantai/(server|web)', message: 'shared imports neither side.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/db/**/*.ts', 'server/src/mqtt/**/*.ts', 'server/src/http/**/*.ts', 'server/src/lib/**/*.ts'],
    ignores: ['server/src/db/migrations/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: 'modules/', message: 'Infrastructure never imports a module.' }] }],
    },
  },
  {
    files: ['server/src/*.ts', 'server/test/**/*.ts', 'scripts/**/*.ts', 'web/e2e/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DEMO_FILES] }] },
  },
  {
    // File names in kebab-case (dots separate kinds: assets.service.ts); migrations keep their timestamps.
    files: ['**/*.{ts,tsx,mjs}'],
    ignores: ['server/src/db/migrations/**'],
    plugins: { files: fileNamePlugin },
    rules: { 'files/kebab-case': 'error' },
  },
  {
    files: ['server/src/db/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!kysely$).*', message: 'Migrations are frozen: they import only kysely.' }] },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  ...moduleBoundaries,
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['web/src/components/**/*.{ts,tsx}', 'web/src/lib/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: 'features/', message: 'Shared folders never import features.' }] }] },
  },
  ...webFeatureBoundaries,
);
