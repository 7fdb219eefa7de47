/**
 * Reads V8 .cpuprofile files (from BENCH_CHARTER_CPU_PROF) and prints where the time went:
 * self time per function with file:line, and total (inclusive) time for the project's own
 * functions, so a hot path can be named precisely. Usage:
 *
 *   node --import tsx bench/profileSummary.ts <file-or-dir> [top=25] [--last=<seconds>]
 *
 * `--last=S` keeps only the final S seconds of each profile: the server is profiled from start
 * to exit, and the typing window of a workload sits just before the exit.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const REPO = path.resolve(import.meta.dirname, '..');

const sources = new Map<string, string[] | null>();

/**
 * The line where `name` is defined in a project .ts file. Frames of files that tsx transpiled
 * report line 1 (the profile knows the generated code, not the source map), so the definition
 * is looked up in the source instead: `name(`, `name =`, `function name`, `get name()`.
 */
function definitionLine(file: string, name: string): number | null {
  if (!sources.has(file)) {
    try {
      sources.set(file, readFileSync(file, 'utf8').split('\n'));
    } catch {
      sources.set(file, null);
    }
  }
  const lines = sources.get(file);
  const bare =
    name
      .replace(/^(get|set) /, '')
      .split('.')
      .pop() ?? '';
  if (!lines || !/^[\w$]+$/.test(bare)) return null;
  const def = new RegExp(
    `(^|[\\s.])(async\\s+)?(function\\s+|get\\s+|set\\s+)?${bare.replace(/\$/g, '\\$')}\\s*(\\(|=\\s*(async\\s*)?\\(|<)`,
  );
  const candidates = lines
    .map((l, i) => ({ l, i }))
    .filter(
      ({ l }) => def.test(l) && !/^\s*(\/\/|\*)/.test(l) && !/\b(return|await|this\.\w+\()/.test(l.split(bare)[0]),
    );
  // A definition with a body beats an interface member of the same name.
  const best = candidates.find(({ l }) => /\{\s*$/.test(l)) ?? candidates[0];
  return best ? best.i + 1 : null;
}

function where(n: ProfileNode): string {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const file = url ? path.relative(REPO, url) : '(native)';
  let line: number | string = n.callFrame.lineNumber + 1;
  if (url.endsWith('.ts') && line === 1) line = definitionLine(url, n.callFrame.functionName) ?? '?';
  return `${n.callFrame.functionName || '(anonymous)'} ${file}:${line}`;
}

function summarize(files: string[], top: number, lastSec: number | null): void {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(f, 'utf8')) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // Time per sample: the delta that follows it (µs).
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    const from = lastSec === null ? -Infinity : p.endTime - lastSec * 1e6;
    let t = p.startTime;
    for (let i = 0; i < samples.length; i++) {
      t += deltas[i] ?? 0;
      const dt = deltas[i + 1] ?? 0;
      if (t < from) continue;
      const node = byId.get(samples[i])!;
      const key = where(node);
      if (node.callFrame.functionName === '(idle)') continue;
      all += dt;
      self.set(key, (self.get(key) ?? 0) + dt);
      // Inclusive time: every distinct frame on the stack, counted once per sample.
      const seen = new Set<string>();
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        const k = where(byId.get(id)!);
        if (seen.has(k)) continue;
        seen.add(k);
        total.set(k, (total.get(k) ?? 0) + dt);
      }
    }
  }
  const pct = (us: number) => `${((us / all) * 100).toFixed(1).padStart(5)} %`;
  console.log(`busy time: ${(all / 1e6).toFixed(2)} s over ${files.length} profile(s)\n\nself time:`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
  console.log('\ninclusive time, project code (server/, shared/):');
  for (const [k, v] of [...total]
    .filter(([k]) => / (server|shared)\//.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    console.log(`${pct(v)}  ${k}`);
  console.log('\ninclusive time, libraries:');
  for (const [k, v] of [...total]
    .filter(([k]) => /node_modules/.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    console.log(`${pct(v)}  ${k}`);
}

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const last = process.argv.find((a) => a.startsWith('--last='));
const target = args[0];
if (!target) {
  console.error('usage: bench/profileSummary.ts <file.cpuprofile | dir> [top]');
  process.exit(2);
}
const files = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(target, f))
  : [target];
summarize(files, Number(args[1] ?? 25), last ? Number(last.slice('--last='.length)) : null);
