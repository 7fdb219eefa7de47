/**
 * One config for the web client build (Vite, root `client/`) and the test runner (Vitest, root
 * the repository). `npm run dev` serves the client with Vite and proxies the API and the sync
 * socket to the Fastify server started beside it (scripts/dev.mjs).
 */
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const repo = import.meta.dirname;
const apiPort = Number(process.env.API_PORT ?? 3001);

/** Suffixes that name a tier; a file carrying one belongs to that tier only. */
const TIER_SUFFIXES = ['unit', 'reliability', 'e2e'] as const;

/** One test tier: a vitest project inheriting the root options, minus files another tier claims. */
function tier(name: string, groupOrder: number, include: string[], extra: { globalSetup?: string[] } = {}) {
  const claimedElsewhere = TIER_SUFFIXES.filter((s) => s !== name).map((s) => `**/*.${s}.test.ts`);
  return {
    extends: true as const,
    test: {
      name,
      root: repo,
      include,
      exclude: ['**/node_modules/**', 'dist/**', ...claimedElsewhere],
      sequence: { groupOrder },
      ...extra,
    },
  };
}

/** The integration files the `postgres` tier runs again with TEST_STORAGE=postgres. */
const POSTGRES_SUITE = [
  'server/sync/sync.test.ts',
  'server/sync/permissions.test.ts',
  'server/sync/adversarial.test.ts',
  'server/sync/objectiveLocks.sync.test.ts',
  'server/notifications/comments.acceptance.test.ts',
  'server/history/history.acceptance.test.ts',
  'server/accounts/sync.acceptance.test.ts',
  'server/http/auth.test.ts',
  'server/sync/durability.reliability.test.ts',
];

export default defineConfig(({ mode }) => ({
  root: path.join(repo, 'client'),
  plugins: [
    react(),
    // Precompressed siblings (.br, .gz) that the server sends as they are (server/app.ts), so no
    // request pays for compression. Maps are never served, so they are not compressed either.
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      exclude: [/\.map$/, /\.(br|gz)$/],
      threshold: 1024,
    }),
  ],
  resolve: {
    alias: [
      { find: '@shared', replacement: path.join(repo, 'shared') },
      // `vite build --mode profile`: React's profiling build, so <Profiler onRender> reports
      // renders in a production bundle (the render-count e2e test). Never used for npm start.
      ...(mode === 'profile' ? [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] : []),
    ],
  },
  build: {
    outDir: path.join(repo, 'dist/client'),
    emptyOutDir: true,
    // Maps stay in the build folder for debugging a production stack trace, without a
    // sourceMappingURL comment; the server never serves them.
    sourcemap: 'hidden',
  },
  server: {
    port: Number(process.env.PORT ?? 5173),
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
      '/sync': { target: `ws://127.0.0.1:${apiPort}`, ws: true, changeOrigin: false },
    },
  },
  test: {
    root: repo,
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: servers, killed processes and browsers each want one. Every project inherits it.
    maxWorkers: 2,
    // The tiers, by where a file lives and how it is named, so a new file needs no entry here
    // (README, "Tests"). The groups run in order, quickest first: a broken unit test is reported
    // before the slow tiers start, and Chromium never shares the machine with a kill -9 test.
    projects: [
      tier('unit', 0, ['shared/**/*.test.ts', 'client/**/*.test.ts', '**/*.unit.test.ts']),
      tier('integration', 1, ['server/**/*.test.ts']),
      tier('reliability', 2, ['**/*.reliability.test.ts']),
      // The integration suite's core once more on PostgreSQL (STORAGE=postgres, issue 14): sync,
      // permissions, comments, history and sign-off, sessions surviving a restart, kill -9.
      // Every store's contract suite already runs on both backends in the integration tier.
      {
        extends: true as const,
        test: {
          name: 'postgres',
          root: repo,
          include: POSTGRES_SUITE,
          env: { TEST_STORAGE: 'postgres' },
          sequence: { groupOrder: 3 },
        },
      },
      tier('e2e', 4, ['e2e/**/*.test.ts', '**/*.e2e.test.ts'], { globalSetup: ['e2e/globalSetup.ts'] }),
    ],
  },
}));
