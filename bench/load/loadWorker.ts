/**
 * A load-generator thread: hosts a share of the workload's clients, and answers the main
 * thread's phases (connect → type → drain → close). Many clients per thread, several threads:
 * one thread alone would become the bottleneck long before the servers do.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { newHistogram } from '../metrics/histogram.ts';
import { BenchClient, type ClientSpec, type SharedTables } from './benchClient.ts';
import type { ToMain, ToWorker, WorkerSetup } from './messages.ts';

// Every stock provider adds a process 'exit' listener; hundreds per thread are expected here.
process.setMaxListeners(0);

const setup = workerData as WorkerSetup;
const tables: SharedTables = {
  sendTimes: new Float64Array(setup.sendTimes),
  finalClocks: new Int32Array(setup.finalClocks),
  maxClocks: setup.maxClocks,
  totalClients: setup.totalClients,
  clientIdBase: setup.clientIdBase,
};
const latency = newHistogram();
const clients: BenchClient[] = [];
/** For each room, the global indexes of the clients that type in it (for the delivery check). */
const sendersByRoom = new Map<string, number[]>();
for (const [index, room] of setup.roomOf.entries()) {
  if (!setup.typing[index]) continue;
  let list = sendersByRoom.get(room);
  if (!list) sendersByRoom.set(room, (list = []));
  list.push(index);
}

const post = (msg: ToMain) => parentPort!.postMessage(msg);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connectAll(): Promise<void> {
  // A bounded number of handshakes in flight: a thundering herd would measure the herd.
  const queue = [...setup.clients];
  const syncMs: number[] = [];
  const deadline = Date.now() + setup.connectTimeoutMs;
  const one = async (spec: ClientSpec) => {
    const started = performance.now();
    const client = new BenchClient(spec, setup.serverUrl, tables, latency, setup.localSeed);
    clients.push(client);
    while (!client.isReady()) {
      if (Date.now() > deadline)
        throw new Error(
          `client ${spec.index} (${spec.room}) not synced in time; closes: ${client.closeCodes.join(',')}`,
        );
      await sleep(5);
    }
    syncMs.push(performance.now() - started);
  };
  await Promise.all(
    Array.from({ length: setup.connectConcurrency }, async () => {
      for (let spec = queue.shift(); spec; spec = queue.shift()) await one(spec);
    }),
  );
  post({ type: 'ready', syncMs });
}

function stopTyping(): void {
  for (const c of clients) {
    c.stopTyping();
    tables.finalClocks[c.spec.index] = c.ownClock();
  }
  post({ type: 'typed', edits: clients.reduce((n, c) => n + c.edits, 0) });
}

async function drain(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let missing: number;
  for (;;) {
    missing = 0;
    for (const c of clients) missing += c.missingFrom(sendersByRoom.get(c.spec.room) ?? []);
    if (missing === 0 || Date.now() > deadline) break;
    await sleep(50);
  }
  post({
    type: 'drained',
    latency,
    undelivered: missing,
    lastArrival: clients.reduce((m, c) => Math.max(m, c.lastArrival), 0),
    closeCodes: clients.flatMap((c) => c.closeCodes),
    denials: clients.flatMap((c) => c.denials),
  });
}

parentPort!.on('message', (msg: ToWorker) => {
  const run = async () => {
    switch (msg.type) {
      case 'connect':
        return connectAll();
      case 'start':
        for (const c of clients) c.startTyping();
        return;
      case 'stop':
        return stopTyping();
      case 'drain':
        return drain(msg.timeoutMs);
      case 'close':
        for (const c of clients) c.destroy();
        post({ type: 'closed' });
        return;
    }
  };
  run().catch((err) =>
    post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
