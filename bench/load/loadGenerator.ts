/**
 * The main thread's side of a load run: deal clients out to worker threads, walk them through
 * connect → type → drain → close, and merge what they measured.
 */
import { Worker } from 'node:worker_threads';
import { mergeInto, newHistogram } from '../metrics/histogram.ts';
import type { ClientSpec } from './benchClient.ts';
import type { ToMain, ToWorker, WorkerSetup } from './messages.ts';
import { nowMs, pickClientIdBase } from './benchClient.ts';

export interface LoadPlan {
  serverUrl: string;
  clients: ClientSpec[];
  localSeed: Uint8Array | null;
  threads: number;
  typingMs: number;
  drainTimeoutMs: number;
  connectTimeoutMs: number;
  /** Called once every client is synced, right before typing starts (take "before" readings). */
  beforeTyping?: () => void | Promise<void>;
  /** Called once every edit has arrived everywhere (or the drain timed out). */
  afterDrain?: () => void | Promise<void>;
}

export interface LoadResult {
  latency: Float64Array;
  edits: number;
  /** Edits × receivers that never arrived (must be 0). */
  undelivered: number;
  /** From the first edit to the last arrival, ms. */
  activeMs: number;
  connectMs: number;
  closeCodes: number[];
  denials: string[];
}

const WORKER_ENTRY = new URL('./loadWorker.ts', import.meta.url).href;
const WORKER_BOOTSTRAP = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY)}); });`;

class WorkerHandle {
  private readonly worker: Worker;
  private readonly waiting = new Map<ToMain['type'], (msg: ToMain) => void>();
  private failure: Error | null = null;

  constructor(setup: WorkerSetup) {
    // On Node 20, `--import tsx` does not reach worker threads: the worker registers tsx's ESM
    // hooks itself before importing the TypeScript entry point.
    this.worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: setup });
    this.worker.on('message', (msg: ToMain) => {
      if (msg.type === 'error') return this.fail(new Error(`load worker: ${msg.message}`));
      const resolve = this.waiting.get(msg.type);
      this.waiting.delete(msg.type);
      resolve?.(msg);
    });
    this.worker.on('error', (err) => this.fail(err));
  }

  private rejecters = new Set<(err: Error) => void>();

  private fail(err: Error): void {
    this.failure = err;
    for (const reject of this.rejecters) reject(err);
  }

  /** Sends `msg` and resolves with the worker's answer of type `answer`. */
  ask<T extends ToMain['type']>(msg: ToWorker, answer: T): Promise<Extract<ToMain, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.rejecters.add(reject);
      this.waiting.set(answer, (m) => {
        this.rejecters.delete(reject);
        resolve(m as Extract<ToMain, { type: T }>);
      });
      this.worker.postMessage(msg);
    });
  }

  tell(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const total = plan.clients.length;
  const typers = plan.clients.filter((c) => c.action !== 'idle');
  const maxRate = Math.max(1, ...typers.map((c) => c.editsPerSecond));
  // Room for every clock a client may type, with headroom for timer drift.
  const maxClocks = Math.ceil(((maxRate * plan.typingMs) / 1000) * 1.5) + 64;
  const sendTimes = new SharedArrayBuffer(total * maxClocks * Float64Array.BYTES_PER_ELEMENT);
  const finalClocks = new SharedArrayBuffer(total * Int32Array.BYTES_PER_ELEMENT);
  const roomOf = plan.clients.map((c) => c.room);
  const clientIdBase = pickClientIdBase();
  const typing = plan.clients.map((c) => c.action !== 'idle');

  // Deal clients round-robin, so that the two ends of a conversation sit on different threads.
  const threads = Math.max(1, Math.min(plan.threads, total));
  const shares: ClientSpec[][] = Array.from({ length: threads }, () => []);
  plan.clients.forEach((c, i) => shares[i % threads].push(c));
  const workers = shares.map(
    (clients) =>
      new WorkerHandle({
        serverUrl: plan.serverUrl,
        clients,
        roomOf,
        typing,
        sendTimes,
        finalClocks,
        maxClocks,
        totalClients: total,
        clientIdBase,
        localSeed: plan.localSeed,
        connectConcurrency: 25,
        connectTimeoutMs: plan.connectTimeoutMs,
      }),
  );
  try {
    const connectStart = performance.now();
    await Promise.all(workers.map((w) => w.ask({ type: 'connect' }, 'ready')));
    const connectMs = performance.now() - connectStart;

    await plan.beforeTyping?.();
    const firstEdit = nowMs();
    for (const w of workers) w.tell({ type: 'start' });
    await new Promise((r) => setTimeout(r, plan.typingMs));
    const typed = await Promise.all(workers.map((w) => w.ask({ type: 'stop' }, 'typed')));
    const drained = await Promise.all(
      workers.map((w) => w.ask({ type: 'drain', timeoutMs: plan.drainTimeoutMs }, 'drained')),
    );
    await plan.afterDrain?.();

    const latency = newHistogram();
    for (const d of drained) mergeInto(latency, d.latency);
    const lastArrival = Math.max(...drained.map((d) => d.lastArrival));
    await Promise.all(workers.map((w) => w.ask({ type: 'close' }, 'closed')));
    return {
      latency,
      edits: typed.reduce((n, t) => n + t.edits, 0),
      undelivered: drained.reduce((n, d) => n + d.undelivered, 0),
      activeMs: Math.max(plan.typingMs, lastArrival - firstEdit),
      connectMs,
      closeCodes: drained.flatMap((d) => d.closeCodes),
      denials: drained.flatMap((d) => d.denials),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
