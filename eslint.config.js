// @ts-check
/**
 * Lint: typescript-eslint's type-aware rules (promises that nobody awaits are the bugs that
 * hurt a sync server most), React's hooks rules for the client, and the layer boundaries the
 * project relies on: `shared/` is pure and imports nothing from `server/` or `client/`; domain
 * folders of the server import no HTTP framework. Formatting is Prettier's job (`npm run format`).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // Yjs, lib0 and the y-protocols decoders are typed loosely (`any` in and out); these rules
      // would flag every use of them without finding bugs.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // An `async` function without `await` is how this code implements a Promise-returning
      // contract (DocStore, SyncAuthorizer, PlanDocuments, a Fastify plugin): a throw inside
      // becomes a rejection the caller's `.catch`/`await` handles, where a plain function would
      // throw synchronously past it. The rule would have each of those rewritten less safely.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Tests read JSON answers and poke at Yjs and y-websocket internals; their assertions check
    // the shape, so a declared type per response would restate docs/api.md and catch nothing.
    // Production code keeps the rule.
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // These two are React Compiler rules; Charter does not build with the compiler. They flag
      // the idioms the client uses on purpose and covers with e2e tests: a ref holding the latest
      // callback, written during render so that effects subscribed once call the current one
      // (useAsync, useDocSettled, useLiveDraft, useFollow, the toolbar state), and an effect
      // that resets state when its input changes (sign-in check, restore choices). Moving them
      // to useEffectEvent is a refactor of its own, not a lint fix.
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    // The document schema and the permission policy are pure: the server and the client both
    // import them, so they must not import either.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/client/**', 'fastify', '@fastify/*', 'react', 'react-dom'],
              message: 'shared/ is pure: no server, client or framework imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // Domain code reports typed errors (server/errors.ts); HTTP lives in server/http and app.ts.
    // In accounts, only the sync authorizer (it reads the upgrade request), the layer's entry point
    // (which hands it on) and the test helper that serves the routes know Fastify.
    files: [
      'server/history/**/*.ts',
      'server/storage/**/*.ts',
      'server/sync/**/*.ts',
      'server/accounts/**/*.ts',
      'server/events/**/*.ts',
      'server/mail/**/*.ts',
      'server/errors.ts',
    ],
    ignores: ['**/*.test.ts', 'server/accounts/syncAuth.ts', 'server/accounts/index.ts', 'server/accounts/testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['fastify', '@fastify/*', '**/http/**'],
              message: 'Domain code imports no HTTP: throw a domain error.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
