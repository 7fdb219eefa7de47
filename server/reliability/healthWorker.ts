/**
 * Polls /api/health from a worker thread, so a busy test process (hundreds of clients, a fuzzer)
 * cannot make the server look slow: the worker's event loop does nothing else. A poll slower than
 * `timeoutMs`, or failing, counts as a failure.
 */
import { Worker } from 'node:worker_threads';
import type { HealthStats } from './support.ts';

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, everyMs, timeoutMs } = workerData;
const stats = { polls: 0, failures: 0, slowest: 0 };
let running = true;
parentPort.on('message', () => { running = false; });
(async () => {
  while (running) {
    const t0 = performance.now();
    try {
      const res = await fetch(url + '/api/health', { signal: AbortSignal.timeout(timeoutMs) });
      await res.text();
      if (res.status !== 200) stats.failures++;
    } catch { stats.failures++; }
    stats.slowest = Math.max(stats.slowest, performance.now() - t0);
    stats.polls++;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  parentPort.postMessage(stats);
})();
`;

export function pollHealthInWorker(url: string, everyMs = 100, timeoutMs = 1000): { stop(): Promise<HealthStats> } {
  const worker = new Worker(SOURCE, { eval: true, workerData: { url, everyMs, timeoutMs } });
  return {
    stop: () =>
      new Promise<HealthStats>((resolve, reject) => {
        worker.once('message', (stats: HealthStats) => {
          void worker.terminate();
          resolve(stats);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      }),
  };
}
