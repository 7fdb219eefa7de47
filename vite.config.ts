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
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end files start servers and browsers: run files one or two at a time on 2 cores.
    maxWorkers: 2,
  },
}));
