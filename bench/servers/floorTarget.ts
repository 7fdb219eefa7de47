/** The floor: bench/servers/floorRelay.ts, a relay with no CRDT work and no storage. */
import path from 'node:path';
import { freePort, spawnServer, type ServerProcess } from './childProcess.ts';
import { buildSeedUpdate } from '../load/planContent.ts';
import type { LaunchOptions, RunningTarget, Target } from './target.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const RELAY = path.join(import.meta.dirname, 'floorRelay.ts');

async function start(port: number): Promise<ServerProcess> {
  return spawnServer({
    args: ['--import', 'tsx', RELAY],
    cwd: REPO,
    env: { HOST: '127.0.0.1', PORT: String(port) },
    readyUrl: `http://127.0.0.1:${port}/`,
  });
}

export const floorTarget: Target = {
  name: 'floor',
  description: 'bench/servers/floorRelay.ts: ws relay, empty sync step 2, no document, no storage',
  async launch({ dataDir, docs }: LaunchOptions): Promise<RunningTarget> {
    const port = await freePort();
    let proc = await start(port);
    const rooms = Array.from({ length: Math.max(1, docs) }, (_, i) =>
      i === 0 ? 'acme-globex' : `fleet-${String(i).padStart(4, '0')}`,
    );
    return {
      name: 'floor',
      pid: () => proc.pid,
      serverUrl: `ws://127.0.0.1:${port}`,
      dataDir,
      rooms,
      // The relay holds no document: every client starts from the seed content it already has.
      localSeed: buildSeedUpdate(),
      cookie: () => undefined,
      async restart() {
        await proc.stop();
        proc = await start(port);
      },
      stop: () => proc.stop(),
    };
  },
};
