/**
 * The real Charter server, in-process, on a free port with a temporary DATA_DIR and demo seed,
 * on the storage TEST_STORAGE names (LevelDB unless `TEST_STORAGE=postgres`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../server/app.ts';
import { makeConfig, type Config } from '../../server/config.ts';
import { storageConfigFor, useTestStorage } from '../../server/testing/storage.ts';
import { builtClientDir } from './buildClient.ts';

useTestStorage();

export interface RunningServer {
  app: App;
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

/** A port that was free a moment ago: ALLOWED_ORIGINS must name the real port, so 0 will not do. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** `overrides` change the configuration, e.g. `{SEED: 'none', SMTP_URL}` for a fresh installation. */
export async function startCharter(
  clientDir: string = builtClientDir(),
  overrides: Partial<Config> = {},
): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'charter-e2e-'));
  const port = await freePort();
  const app = await buildApp(
    makeConfig({
      PORT: port,
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED: 'demo',
      LOG_LEVEL: 'silent',
      CLIENT_DIST_DIR: clientDir,
      ...(await storageConfigFor(dataDir)),
      ...overrides,
    }),
  );
  await app.listen();
  // The browser's origin must match ALLOWED_ORIGINS (http://127.0.0.1:PORT by default).
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    dataDir,
    async stop() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
