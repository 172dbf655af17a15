// ESLint flat config (npm run lint, part of npm test): typescript-eslint and the React hooks rules.
// The type-aware promise rules run on the shipped code only (src/, tests excluded): on the whole tree they
// cost ~63 s of CPU against ~16 s without type information; on src/ alone ~45 s.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** The files linted with type information (scripts/checkCode.mjs hands them the typecheck's program). */
export const TYPED_FILES = { files: ['src/**/*.{ts,tsx}'], ignores: ['src/**/*.test.{ts,tsx}'] };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'coverage/**', 'test-results/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a deliberately unused binding (e.g. `const { dropped: _dropped, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Off: it reports deliberate releases (`bytes = null` lets a big buffer go before the next await) and
      // defensive initialisations; none of its 7 findings was a bug.
      'no-useless-assignment': 'off',
      // `interface A extends B {}` merges B into an interface declared above (useScenario.ts).
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    ...TYPED_FILES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'tests/taskpane/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
