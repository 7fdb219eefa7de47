/**
 * `npm run bench`: Charter, the reference y-websocket server and the floor relay, side by side
 * on the same workloads (issue 7). Loopback only, bounded, stops by itself. In a full run every
 * (workload, server) pair gets a fresh server process on a fresh temporary data directory, so
 * peak memory and disk growth belong to that workload alone. Servers of one workload run one after another,
 * never at the same time: they share the machine's cores with the load generator. `--quick` is a
 * smoke check: one server start per target, all targets at once, figures not comparable.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readOptions, type BenchOptions } from './options.ts';
import { charterPgTarget, charterTarget, profileCharterInto } from './servers/charterTarget.ts';
import { buildServer } from '../scripts/buildServer.mjs';
import { referenceTarget } from './servers/referenceTarget.ts';
import { floorTarget } from './servers/floorTarget.ts';
import type { RunningTarget, Target, TargetName } from './servers/target.ts';
import { measureLiveEditing } from './workloads/liveEditing.ts';
import { fleetClients, permissionClients, workshopClients } from './workloads/editingWorkloads.ts';
import { measureColdLoad } from './workloads/coldLoad.ts';
import type { Measurements, WorkloadRow } from './workloads/results.ts';
import { checkTargets, currentCommit, machineFacts, workloadTable } from './report.ts';

const FINDINGS = path.join(import.meta.dirname, 'findings.md');

const TARGETS: Record<TargetName, Target> = {
  charter: charterTarget,
  'charter-pg': charterPgTarget,
  reference: referenceTarget,
  floor: floorTarget,
};

interface Workload {
  name: string;
  /** Plan documents the servers must hold before the run. */
  docs: number;
  /** Servers the workload means something for. */
  appliesTo: (t: TargetName) => boolean;
  measure(server: RunningTarget): Promise<Measurements>;
}

function workloadsOf(o: BenchOptions): Workload[] {
  const list: Workload[] = [];
  const all = () => true;
  if (o.workloads.includes('workshop')) {
    for (const n of o.workshopClients) {
      list.push({
        name: `workshop ${n} clients`,
        docs: 1,
        appliesTo: all,
        measure: (s) =>
          measureLiveEditing(s, { clients: workshopClients(s, n), typingMs: o.typingMs, threads: o.threads }),
      });
    }
  }
  if (o.workloads.includes('fleet')) {
    list.push({
      name: `fleet ${o.fleetDocs} docs × 2 clients`,
      docs: o.fleetDocs,
      appliesTo: all,
      measure: (s) =>
        measureLiveEditing(s, {
          clients: fleetClients(s, o.fleetDocs),
          typingMs: o.typingMs,
          threads: o.threads,
          docsForMemory: o.fleetDocs,
        }),
    });
  }
  if (o.workloads.includes('cold')) {
    list.push({
      name: `cold load ${o.coldUpdates.toLocaleString('en-US')} updates`,
      docs: 1,
      // The floor keeps no document, so there is nothing for it to load.
      appliesTo: (t) => t !== 'floor',
      measure: (s) =>
        measureColdLoad(s, {
          updates: o.coldUpdates,
          charsPerUpdate: o.coldCharsPerUpdate,
          coldSamples: o.coldSamples,
          warmSamples: 3,
        }),
    });
  }
  if (o.workloads.includes('permissions')) {
    list.push({
      name: `permissions ${o.permissionMembers} members + 1 admin`,
      docs: 1,
      appliesTo: all,
      measure: (s) =>
        measureLiveEditing(s, {
          clients: permissionClients(s, o.permissionMembers),
          typingMs: o.typingMs,
          threads: o.threads,
        }),
    });
  }
  return list;
}

/**
 * Runs `workloads` on one server launched once for all of them (a fresh one per workload in a
 * full run; one for everything in a quick run, where start-up time would dominate).
 */
/** Servers running right now, stopped if the bench itself is interrupted (no orphans). */
const running = new Set<RunningTarget>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping ${running.size} server(s)`);
    void Promise.allSettled([...running].map((s) => s.stop())).then(() => process.exit(130));
  });
}

async function runOnServer(workloads: Workload[], target: Target): Promise<WorkloadRow[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `charter-bench-${target.name}-`));
  const rows: WorkloadRow[] = workloads.map((w) => ({ workload: w.name, target: target.name, m: {}, notes: [] }));
  let server: RunningTarget | null = null;
  try {
    server = await target.launch({ dataDir, docs: Math.max(...workloads.map((w) => w.docs)) });
    running.add(server);
    for (const [i, w] of workloads.entries()) {
      const started = Date.now();
      try {
        rows[i].m = await w.measure(server);
      } catch (err) {
        rows[i].error = err instanceof Error ? err.message.split('\n')[0] : String(err);
      }
      console.log(
        `  ${target.name.padEnd(9)} ${w.name}: ${rows[i].error ? `FAILED: ${rows[i].error}` : 'done'} (${Math.round((Date.now() - started) / 1000)} s)`,
      );
    }
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    for (const r of rows) r.error ??= `server did not start: ${message}`;
    console.log(`  ${target.name.padEnd(9)} FAILED to start: ${message}`);
  } finally {
    await server?.stop().catch(() => undefined);
    if (server) running.delete(server);
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}

async function main(): Promise<void> {
  const o = readOptions(process.argv.slice(2), process.env);
  if (o.charterCpuProfDir) {
    await mkdir(o.charterCpuProfDir, { recursive: true });
    profileCharterInto(o.charterCpuProfDir);
  }
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const commitAtStart = currentCommit();
  // Charter runs as `npm start` runs it: the bundled server, rebuilt here from the sources.
  if (o.servers.includes('charter') || o.servers.includes('charter-pg')) await buildServer();
  const workloads = workloadsOf(o);
  const rows: WorkloadRow[] = [];
  console.log(`bench: ${workloads.length} workloads × ${o.servers.join(', ')}${o.quick ? ' (quick)' : ''}`);
  if (o.quick) {
    // Cold load restarts the server and grows the first document: it goes last.
    const ordered = [...workloads].sort(
      (a, b) => Number(a.name.startsWith('cold')) - Number(b.name.startsWith('cold')),
    );
    // A smoke check, not a comparison: the servers run at the same time to stay under a minute.
    const perServer = await Promise.all(
      o.servers.map((name) =>
        runOnServer(
          ordered.filter((w) => w.appliesTo(name)),
          TARGETS[name],
        ),
      ),
    );
    rows.push(...perServer.flat());
    for (const w of workloads) console.log('\n' + workloadTable(rows, w.name));
  } else {
    for (const w of workloads) {
      console.log(`${w.name}:`);
      for (const name of o.servers) if (w.appliesTo(name)) rows.push(...(await runOnServer([w], TARGETS[name])));
      console.log('\n' + workloadTable(rows, w.name) + '\n');
    }
  }
  const finishedAt = new Date();
  const checks = checkTargets(
    rows,
    workloads.map((w) => w.name),
  );
  const facts = machineFacts(loadBefore, os.loadavg(), startedAt, finishedAt, commitAtStart);
  const targetsText = checks.map((c) => `- ${c.ok ? 'met' : '**missed**'}: ${c.text}`).join('\n');
  console.log('Targets:\n' + targetsText);

  const doc = [
    `# Benchmark results${o.quick ? ' (quick smoke run: sizes too small to compare)' : ''}`,
    '',
    'Produced by `npm run bench` (bench/run.ts). Methods and caveats: bench/README.md.',
    '',
    '## Machine',
    '',
    ...facts,
    '',
    '## Servers',
    '',
    ...o.servers.map((s) => `- **${s}**: ${TARGETS[s].description}`),
    '',
    `## Workloads (typing window ${o.typingMs / 1000} s, ${o.threads} load-generator threads)`,
    '',
    ...workloads.map((w) => workloadTable(rows, w.name) + '\n'),
    '## Targets (issue 7)',
    '',
    targetsText,
    '',
    // Profiling findings are written by hand (they need reading, not just measuring) and kept
    // with every regenerated report.
    ...(existsSync(FINDINGS) ? [readFileSync(FINDINGS, 'utf8')] : []),
  ].join('\n');
  await writeFile(o.resultsFile, doc);
  console.log(`\nwrote ${path.relative(process.cwd(), o.resultsFile)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
