import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['build/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/screenshots/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // the renderer talks only through the contract: no Node, no services, no database
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/electron/api/**', '**/electron/services/**', '**/db/**', 'node:*', 'better-sqlite3', 'kysely'], message: 'Il renderer usa solo il contratto (electron/contract) e le regole pure (electron/domain).' }] },
      ],
    },
  },
  {
    // only the desktop host (electron/desktop) may load electron; services stay free of it and of React
    files: ['electron/**/*.ts', 'db/**/*.ts'],
    ignores: ['electron/desktop/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Solo electron/desktop importa electron.', allowTypeImports: true }, { name: 'react', message: 'Il lato Node non usa React.' }] }],
    },
  },
);
