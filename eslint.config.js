// Lint, including the architecture of DESIGN.md as import rules:
// shared imports neither side; infrastructure (db, mqtt, http) never imports a module; a module reaches
// another only through its index.ts; migrations import only kysely; web features never import each other.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const MODULES = [
  'identity',
  'registry',
  'assets',
  'maintenance',
  'telemetry',
  'service-requests',
  'projects',
  'targets',
  'screens',
  'realtime',
];

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
        ],
      },
    ],
  },
}));

const WEB_FEATURES = [
  'auth',
  'registry',
  'identity',
  'home',
  'service-requests',
  'assets',
  'maintenance',
  'telemetry',
  'screens',
  'projects',
  'targets',
];
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
    files: ['server/src/db/**/*.ts', 'server/src/mqtt/**/*.ts', 'server/src/http/**/*.ts'],
    ignores: ['server/src/db/migrations/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: 'modules/', message: 'Infrastructure never imports a module.' }] }],
    },
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
