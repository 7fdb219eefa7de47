/**
 * The process entry point: read the environment once, build the app, listen, and stop cleanly
 * on SIGTERM/SIGINT (CONTRACT 1: stop accepting, write what is pending, close sockets 1001, exit 0).
 */
import { buildApp } from './app.ts';
import { configFromEnv, ConfigError } from './config.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = configFromEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const app = await buildApp(config);
  const url = await app.listen();
  app.fastify.log.info({ url, dataDir: config.DATA_DIR }, `Charter listening on ${url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.fastify.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.fastify.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
