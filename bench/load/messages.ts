/** The conversation between the main thread and load-generator threads (structured clone). */
import type { ClientSpec } from './benchClient.ts';

export interface WorkerSetup {
  serverUrl: string;
  clients: ClientSpec[];
  /** Room of every client of the workload, by global index (all threads). */
  roomOf: string[];
  /** Whether each client (by global index) types: only those are expected to deliver edits. */
  typing: boolean[];
  sendTimes: SharedArrayBuffer;
  finalClocks: SharedArrayBuffer;
  maxClocks: number;
  totalClients: number;
  clientIdBase: number;
  /** Content clients start with locally (the floor keeps no document to sync from). */
  localSeed: Uint8Array | null;
  connectConcurrency: number;
  connectTimeoutMs: number;
}

export type ToWorker =
  { type: 'connect' } | { type: 'start' } | { type: 'stop' } | { type: 'drain'; timeoutMs: number } | { type: 'close' };

export type ToMain =
  | { type: 'ready'; syncMs: number[] }
  | { type: 'typed'; edits: number }
  | {
      type: 'drained';
      latency: Float64Array;
      undelivered: number;
      lastArrival: number;
      closeCodes: number[];
      denials: string[];
    }
  | { type: 'closed' }
  | { type: 'error'; message: string };
