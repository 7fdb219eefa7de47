/**
 * The reference: y-websocket@2's own bundled server (installed as `y-websocket-ref`), run as
 * shipped with its LevelDB persistence (YPERSISTENCE). We run it, never copy it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort, spawnServer, type ServerProcess } from './childProcess.ts';
import { cpuSeconds, settledDiskBytes } from '../metrics/procfs.ts';
import { seedRooms } from '../load/seedOverWire.ts';
import { buildSeedUpdate } from '../load/planContent.ts';
import type { LaunchOptions, RunningTarget, Target } from './target.ts';

const require = createRequire(import.meta.url);
const SERVER_SCRIPT = path.join(path.dirname(require.resolve('y-websocket-ref/package.json')), 'bin/server.cjs');
const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * The reference server has no shutdown handler: SIGTERM kills it with y-leveldb writes still
 * queued (seen: a seed written just before the signal was gone after restart). Stop it only once
 * it is quiet: its data directory unchanged and its CPU time flat for a while (y-leveldb's write
 * queue costs CPU while it drains).
 */
async function stopWhenWritten(proc: ServerProcess, dataDir: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let cpu = cpuSeconds(proc.pid);
  let quietSince = Date.now();
  while (Date.now() < deadline && Date.now() - quietSince < 2000) {
    await settledDiskBytes(dataDir, 500);
    const now = cpuSeconds(proc.pid);
    if (now - cpu > 0.02) quietSince = Date.now();
    cpu = now;
  }
  await proc.stop();
}

async function start(port: number, dataDir: string): Promise<ServerProcess> {
  return spawnServer({
    args: [SERVER_SCRIPT],
    cwd: REPO,
    env: { HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: dataDir },
    readyUrl: `http://127.0.0.1:${port}/`,
  });
}

export const referenceTarget: Target = {
  name: 'reference',
  description: 'y-websocket@2.1 bin/server.cjs, YPERSISTENCE=<tmp> (y-leveldb)',
  async launch({ dataDir, docs }: LaunchOptions): Promise<RunningTarget> {
    const port = await freePort();
    let proc = await start(port, dataDir);
    const serverUrl = `ws://127.0.0.1:${port}`;
    const rooms = Array.from({ length: Math.max(1, docs) }, (_, i) =>
      i === 0 ? 'acme-globex' : `fleet-${String(i).padStart(4, '0')}`,
    );
    await seedRooms(serverUrl, rooms, buildSeedUpdate());
    // Start measuring from a process that holds no document: seeding left them loaded or freed.
    await stopWhenWritten(proc, dataDir);
    proc = await start(port, dataDir);
    return {
      name: 'reference',
      pid: () => proc.pid,
      serverUrl,
      dataDir,
      rooms,
      localSeed: null,
      cookie: () => undefined,
      async restart() {
        await stopWhenWritten(proc, dataDir);
        proc = await start(port, dataDir);
      },
      stop: () => stopWhenWritten(proc, dataDir),
    };
  },
};
