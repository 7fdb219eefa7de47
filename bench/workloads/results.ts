/** What one workload measured on one server: the row the report prints. */
import type { TargetName } from '../servers/target.ts';

export interface Measurements {
  /** Propagation latency over every (edit, receiving client) pair, ms. */
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  /** Edits per second the clients were asked to type (what a fast enough load generator sends). */
  offeredPerSec?: number;
  /** Edits per second sustained: edits / (first edit → last arrival). */
  editsPerSec?: number;
  /** Edits × receivers delivered per second over the same window. */
  deliveriesPerSec?: number;
  /** Server CPU (user + system) per 1,000 edits, seconds. */
  cpuSecPer1000?: number;
  /** Server peak resident set (VmHWM) over the whole run, MB. */
  peakRssMb?: number;
  /** (RSS with every document open − RSS before) / documents, KB. Includes the two sockets per doc. */
  memPerDocKb?: number;
  /** Cold load: fresh client to full content, on the first restart after seeding, ms. */
  coldLoadMs?: number;
  /** Cold load: the same on later restarts (median), once the server had a chance to compact. */
  laterColdLoadMs?: number;
  /** Cold load: the same on the already-loaded document, ms (median). */
  warmLoadMs?: number;
  /** Cold load: size of the document state a client holds, MB. */
  docMb?: number;
  /** Growth of the data directory per edit, bytes (after writes settled). */
  diskBytesPerEdit?: number;
  /** Edits that never reached a client that should have received them. */
  undelivered?: number;
  edits?: number;
  /** Socket closes and update refusals the clients saw (each one is a problem in these runs). */
  closes?: number;
  denials?: number;
}

export interface WorkloadRow {
  workload: string;
  target: TargetName;
  m: Measurements;
  /** Set when the run failed; the message says why. */
  error?: string;
  notes: string[];
}
