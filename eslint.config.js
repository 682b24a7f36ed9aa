// Type-aware lint rules, run by `npm test` (npm run lint). README "How it is built" lists them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-test/**', 'node_modules/**', 'data/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The rules this project leans on most: a promise nobody awaits loses its error, and a
      // promise where Bolt or Node expects a plain callback is never awaited by them.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `_name` marks a value taken apart on purpose (a field dropped from a copy, an unused argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Kysely types migrations (they must not depend on today's schema) and its dialect API
    // (createIntrospector) with Kysely<any>.
    files: ['src/store/migrations/**/*.ts', 'src/store/own-schema-introspector.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The simulators and tests read whatever JSON arrives, on purpose loosely typed; the promise
    // rules and everything else still hold there.
    files: ['src/sandbox/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Simulators echo whatever a request carried into their records and error texts.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Test fakes implement async interfaces with synchronous bodies.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
);
