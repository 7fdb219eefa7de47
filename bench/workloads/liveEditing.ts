/**
 * The measured run shared by every live-editing workload (workshop, fleet, permissions): connect
 * everyone, read the server's counters, type for a while, wait until every edit has reached
 * every other client in its room, read the counters again.
 */
import { countOf, quantileMs } from '../metrics/histogram.ts';
import { cpuSeconds, memory, settledDiskBytes } from '../metrics/procfs.ts';
import { runLoad } from '../load/loadGenerator.ts';
import type { ClientSpec } from '../load/benchClient.ts';
import type { RunningTarget } from '../servers/target.ts';
import type { Measurements } from './results.ts';

export interface LiveEditingOptions {
  clients: ClientSpec[];
  typingMs: number;
  threads: number;
  /** Documents opened by the clients; when set, memory per document is measured. */
  docsForMemory?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MEMORY_SETTLE_MS = 10_000;

/** CPU seconds of the server and of the processes working for it (its database). */
function serverCpu(server: RunningTarget, pid: number): number {
  let total = cpuSeconds(pid);
  for (const helper of server.helperPids?.() ?? []) {
    try {
      total += cpuSeconds(helper);
    } catch {
      // A database backend that exited in between: its time went to its parent's children count.
    }
  }
  return total;
}

export async function measureLiveEditing(server: RunningTarget, opts: LiveEditingOptions): Promise<Measurements> {
  const pid = server.pid();
  // Let start-up work (JIT, first compactions) settle, so the memory baseline is an idle server.
  await sleep(opts.docsForMemory ? 1000 : 200);
  const rssIdle = memory(pid).rssBytes;
  let rssOpen = 0;
  let cpuBefore = 0;
  let cpuAfter = 0;
  let diskBefore = 0;
  const result = await runLoad({
    serverUrl: server.serverUrl,
    clients: opts.clients,
    localSeed: server.localSeed,
    threads: opts.threads,
    typingMs: opts.typingMs,
    // Bounded: an overloaded server gets this long to deliver what it accepted.
    drainTimeoutMs: Math.max(30_000, opts.typingMs * 2),
    connectTimeoutMs: 120_000,
    async beforeTyping() {
      // Memory per document is what the open documents retain, not the connect phase's garbage
      // (logins, handshakes, first syncs) still on the heap: give every server the same quiet
      // seconds, in which V8's memory reducer collects and shrinks an idle heap, before sampling.
      if (opts.docsForMemory) await sleep(MEMORY_SETTLE_MS);
      rssOpen = memory(pid).rssBytes;
      diskBefore = await settledDiskBytes(server.dataDir, 500);
      cpuBefore = serverCpu(server, pid);
    },
    afterDrain() {
      cpuAfter = serverCpu(server, pid);
    },
  });
  const diskAfter = await settledDiskBytes(server.dataDir, 1000);
  const activeSec = result.activeMs / 1000;
  const deliveries = countOf(result.latency);
  return {
    p50Ms: quantileMs(result.latency, 0.5),
    p95Ms: quantileMs(result.latency, 0.95),
    p99Ms: quantileMs(result.latency, 0.99),
    edits: result.edits,
    offeredPerSec: opts.clients.reduce((n, c) => n + (c.action === 'idle' ? 0 : c.editsPerSecond), 0),
    editsPerSec: result.edits / activeSec,
    deliveriesPerSec: deliveries / activeSec,
    cpuSecPer1000: result.edits ? ((cpuAfter - cpuBefore) / result.edits) * 1000 : undefined,
    peakRssMb: memory(pid).peakRssBytes / 2 ** 20,
    memPerDocKb: opts.docsForMemory ? (rssOpen - rssIdle) / opts.docsForMemory / 1024 : undefined,
    diskBytesPerEdit: result.edits ? Math.max(0, diskAfter - diskBefore) / result.edits : undefined,
    undelivered: result.undelivered,
    closes: result.closeCodes.length,
    denials: result.denials.length,
  };
}
