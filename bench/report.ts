/**
 * Turns measurements into the tables of bench/results.md: one table per workload with each
 * server side by side and the ratios Charter / reference and Charter / floor, then the targets
 * of issue 7 checked one by one.
 */
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import type { Measurements, WorkloadRow } from './workloads/results.ts';
import type { TargetName } from './servers/target.ts';

interface MetricDef {
  key: keyof Measurements;
  label: string;
  digits: number;
}

const LIVE_METRICS: MetricDef[] = [
  { key: 'p50Ms', label: 'latency p50 (ms)', digits: 1 },
  { key: 'p95Ms', label: 'latency p95 (ms)', digits: 1 },
  { key: 'p99Ms', label: 'latency p99 (ms)', digits: 1 },
  { key: 'offeredPerSec', label: 'offered edits/s', digits: 0 },
  { key: 'editsPerSec', label: 'sustained edits/s', digits: 0 },
  { key: 'deliveriesPerSec', label: 'deliveries/s', digits: 0 },
  { key: 'cpuSecPer1000', label: 'server CPU s / 1,000 edits', digits: 3 },
  { key: 'peakRssMb', label: 'peak RSS (MB)', digits: 0 },
  { key: 'memPerDocKb', label: 'memory per open doc (KB)', digits: 1 },
  { key: 'diskBytesPerEdit', label: 'data dir growth per edit (B)', digits: 0 },
  { key: 'edits', label: 'edits', digits: 0 },
  { key: 'undelivered', label: 'undelivered edits', digits: 0 },
  { key: 'closes', label: 'unexpected socket closes', digits: 0 },
  { key: 'denials', label: 'updates refused', digits: 0 },
];

const COLD_METRICS: MetricDef[] = [
  { key: 'coldLoadMs', label: 'cold open to full content, first restart (ms)', digits: 0 },
  { key: 'laterColdLoadMs', label: 'cold open, later restarts, median (ms)', digits: 0 },
  { key: 'warmLoadMs', label: 'warm open to full content (ms)', digits: 0 },
  { key: 'docMb', label: 'document size (MB)', digits: 2 },
  { key: 'edits', label: 'updates seeded', digits: 0 },
  { key: 'diskBytesPerEdit', label: 'data dir growth per update (B)', digits: 1 },
];

const SERVERS: TargetName[] = ['charter', 'charter-pg', 'reference', 'floor'];

function fmt(v: number | undefined, digits: number): string {
  if (v === undefined || Number.isNaN(v)) return '—';
  return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b) || b === 0) return '—';
  return `${(a / b).toFixed(2)}×`;
}

function rowFor(rows: WorkloadRow[], workload: string, target: TargetName): WorkloadRow | undefined {
  return rows.find((r) => r.workload === workload && r.target === target);
}

export function workloadTable(rows: WorkloadRow[], workload: string): string {
  const present = SERVERS.filter((s) => rowFor(rows, workload, s));
  const metrics = workload.startsWith('cold') ? COLD_METRICS : LIVE_METRICS;
  const m = (s: TargetName) => rowFor(rows, workload, s)?.m ?? {};
  const lines = [
    `| ${['metric', ...present, 'charter / reference', 'charter / floor', 'charter-pg / charter', 'charter-pg / reference'].join(' | ')} |`,
    `|${['---', ...present.map(() => '---:'), '---:', '---:', '---:', '---:'].join('|')}|`,
  ];
  for (const def of metrics) {
    const values = present.map((s) => m(s)[def.key]);
    if (values.every((v) => v === undefined)) continue;
    const c = m('charter')[def.key];
    const pg = m('charter-pg')[def.key];
    lines.push(
      `| ${[def.label, ...values.map((v) => fmt(v, def.digits)), ratio(c, m('reference')[def.key]), ratio(c, m('floor')[def.key]), ratio(pg, c), ratio(pg, m('reference')[def.key])].join(' | ')} |`,
    );
  }
  const problems = present.flatMap((s) => {
    const r = rowFor(rows, workload, s)!;
    return [...(r.error ? [`**${s} failed:** ${r.error}`] : []), ...r.notes.map((n) => `${s}: ${n}`)];
  });
  return [`### ${workload}`, '', ...lines, ...(problems.length ? ['', ...problems.map((p) => `- ${p}`)] : [])].join(
    '\n',
  );
}

export interface TargetCheck {
  ok: boolean;
  text: string;
}

/** Issue 7's targets, checked on every workload where the figures exist. */
export function checkTargets(rows: WorkloadRow[], workloads: string[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const get = (w: string, s: TargetName, k: keyof Measurements) => rowFor(rows, w, s)?.m[k];
  const compare = (w: string, k: keyof Measurements, label: string, vsRef: number, vsFloor: number | null) => {
    const c = get(w, 'charter', k);
    const r = get(w, 'reference', k);
    const f = get(w, 'floor', k);
    if (c === undefined) return;
    if (r !== undefined)
      checks.push({ ok: c <= r * vsRef, text: `${w}: ${label} ≤ ${vsRef}× reference — ${ratio(c, r)}` });
    if (vsFloor !== null && f !== undefined)
      checks.push({ ok: c <= f * vsFloor, text: `${w}: ${label} ≤ ${vsFloor}× floor — ${ratio(c, f)}` });
  };
  for (const w of workloads) {
    if (w.startsWith('cold')) {
      compare(w, 'coldLoadMs', 'cold-load time', 1, null);
      continue;
    }
    compare(w, 'p99Ms', 'p99 latency', 1, 2);
    if (w.startsWith('workshop')) {
      // Issue 14: on PostgreSQL, p99 within 1.5× of LevelDB mode and still at most the reference's.
      const pg = get(w, 'charter-pg', 'p99Ms');
      const c = get(w, 'charter', 'p99Ms');
      const r = get(w, 'reference', 'p99Ms');
      if (pg !== undefined && c !== undefined)
        checks.push({ ok: pg <= c * 1.5, text: `${w}: p99 on PostgreSQL ≤ 1.5× LevelDB mode — ${ratio(pg, c)}` });
      if (pg !== undefined && r !== undefined)
        checks.push({ ok: pg <= r, text: `${w}: p99 on PostgreSQL ≤ 1.0× reference — ${ratio(pg, r)}` });
    }
    compare(w, 'cpuSecPer1000', 'CPU per update', 1, 2);
    compare(w, 'memPerDocKb', 'memory per loaded document', 1, null);
    for (const s of SERVERS) {
      const row = rowFor(rows, w, s);
      if ((s === 'charter' || s === 'charter-pg') && row) {
        const u = row.m.undelivered;
        checks.push({
          ok: !row.error && u === 0,
          text: `${w}: zero undelivered on ${s} — ${row.error ? 'run failed' : u}`,
        });
      }
    }
  }
  return checks;
}

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

export interface MachineFacts {
  lines: string[];
}

/** The commit checked out now (the server under test is whatever the working tree holds). */
export function currentCommit(): string {
  return sh('git', ['rev-parse', '--short', 'HEAD']);
}

export function machineFacts(
  loadBefore: number[],
  loadAfter: number[],
  startedAt: Date,
  finishedAt: Date,
  commitAtStart: string,
): string[] {
  const commitAtEnd = currentCommit();
  const cpu = os.cpus()[0]?.model ?? '?';
  const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  return [
    `- date: ${startedAt.toISOString()} (run took ${Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)} s)`,
    `- cpu: ${cpu}, ${os.availableParallelism()} cores available`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- node: ${process.version}; ${os.type()} ${os.release()}`,
    `- commit: ${commitAtStart}` +
      (commitAtEnd !== commitAtStart
        ? ` — **HEAD moved to ${commitAtEnd} during the run: later servers ran newer code**`
        : ''),
    `- load average (1/5/15 min) before: ${fmtLoad(loadBefore)}, after: ${fmtLoad(loadAfter)}` +
      (loadBefore[0] > 0.5 ? ' — **the machine was busy with other work; latencies are noisy**' : ''),
  ];
}
