/**
 * Bench sizes, read once from flags and environment. Defaults are issue 7's workloads with
 * short typing windows, so a full run takes a few minutes; `--quick` shrinks everything to a
 * smoke check under a minute.
 *
 *   --quick                      small sizes (BENCH_QUICK=1)
 *   --servers=charter,charter-pg,reference,floor   (BENCH_SERVERS)
 *   --workloads=workshop,fleet,cold,permissions   (BENCH_WORKLOADS)
 *   BENCH_WORKSHOP_CLIENTS=10,50,200   BENCH_FLEET_DOCS=500   BENCH_COLD_UPDATES=100000
 *   BENCH_PERMISSION_MEMBERS=50   BENCH_TYPING_SECONDS=15   BENCH_THREADS=2
 *   BENCH_COLD_SAMPLES=3   BENCH_CHARTER_CPU_PROF=<dir>  (Charter runs under --cpu-prof)
 *   BENCH_RESULTS=<file>  where the markdown report goes (default bench/results.md)
 */
import path from 'node:path';
import os from 'node:os';
import type { TargetName } from './servers/target.ts';

export type WorkloadName = 'workshop' | 'fleet' | 'cold' | 'permissions';

export interface BenchOptions {
  quick: boolean;
  servers: TargetName[];
  workloads: WorkloadName[];
  workshopClients: number[];
  fleetDocs: number;
  coldUpdates: number;
  coldCharsPerUpdate: number;
  coldSamples: number;
  permissionMembers: number;
  typingMs: number;
  threads: number;
  charterCpuProfDir: string | null;
  resultsFile: string;
}

const ALL_SERVERS: TargetName[] = ['charter', 'charter-pg', 'reference', 'floor'];
const ALL_WORKLOADS: WorkloadName[] = ['workshop', 'fleet', 'cold', 'permissions'];

function list<T extends string>(raw: string | undefined, allowed: readonly T[], fallback: T[]): T[] {
  if (!raw) return fallback;
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items)
    if (!allowed.includes(i as T)) throw new Error(`unknown "${i}"; expected one of ${allowed.join(', ')}`);
  return items as T[];
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function readOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = new Map<string, string>();
  for (const a of argv) {
    const m = a.match(/^--([a-z-]+)(?:=(.*))?$/);
    if (!m) throw new Error(`unknown argument "${a}"`);
    flags.set(m[1], m[2] ?? 'true');
  }
  for (const k of flags.keys())
    if (!['quick', 'servers', 'workloads'].includes(k)) throw new Error(`unknown flag --${k}`);
  const quick = flags.has('quick') || env.BENCH_QUICK === '1';
  const clients = (env.BENCH_WORKSHOP_CLIENTS ?? (quick ? '10' : '10,50,200'))
    .split(',')
    .map((s) => positiveInt('BENCH_WORKSHOP_CLIENTS', s.trim(), 10));
  return Object.freeze({
    quick,
    servers: list(flags.get('servers') ?? env.BENCH_SERVERS, ALL_SERVERS, ALL_SERVERS),
    workloads: list(flags.get('workloads') ?? env.BENCH_WORKLOADS, ALL_WORKLOADS, ALL_WORKLOADS),
    workshopClients: clients,
    fleetDocs: positiveInt('BENCH_FLEET_DOCS', env.BENCH_FLEET_DOCS, quick ? 20 : 500),
    coldUpdates: positiveInt('BENCH_COLD_UPDATES', env.BENCH_COLD_UPDATES, quick ? 2_000 : 100_000),
    // 100,000 updates of 10 characters: a document of about 1 MB.
    coldCharsPerUpdate: 10,
    coldSamples: positiveInt('BENCH_COLD_SAMPLES', env.BENCH_COLD_SAMPLES, quick ? 1 : 3),
    permissionMembers: positiveInt('BENCH_PERMISSION_MEMBERS', env.BENCH_PERMISSION_MEMBERS, quick ? 5 : 50),
    typingMs: positiveInt('BENCH_TYPING_SECONDS', env.BENCH_TYPING_SECONDS, quick ? 2 : 15) * 1000,
    threads: positiveInt('BENCH_THREADS', env.BENCH_THREADS, Math.max(2, Math.min(4, os.availableParallelism()))),
    charterCpuProfDir: env.BENCH_CHARTER_CPU_PROF ? path.resolve(env.BENCH_CHARTER_CPU_PROF) : null,
    resultsFile: path.resolve(
      env.BENCH_RESULTS ?? path.join(import.meta.dirname, quick ? 'results.quick.md' : 'results.md'),
    ),
  });
}
