/**
 * Resource readings of a server process from the outside (Linux /proc), so that every server is
 * measured the same way whatever it runs on, and the load generator's own work never counts.
 */
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

let ticksPerSecond: number | null = null;

/** USER_HZ, the unit of utime/stime in /proc/<pid>/stat (almost always 100). */
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after it are split from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicks();
}

export interface MemoryReading {
  /** Resident set size now, bytes. */
  rssBytes: number;
  /** Peak resident set size since the process started (VmHWM), bytes. */
  peakRssBytes: number;
}

export function memory(pid: number): MemoryReading {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => {
    const m = status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) * 1024 : NaN;
  };
  return { rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') };
}

/** Total apparent size of the files under `dir` (what `du --apparent-size -b` reports). */
export async function diskBytes(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    try {
      if (e.isDirectory()) total += await diskBytes(p);
      else if (e.isFile()) total += (await stat(p)).size;
    } catch {
      // LevelDB deletes files during compaction; a vanished file simply no longer counts.
    }
  }
  return total;
}

/** Waits until the directory's size has not changed for `stableMs` (writes settled), bounded. */
export async function settledDiskBytes(dir: string, stableMs = 1000, timeoutMs = 15_000): Promise<number> {
  const start = Date.now();
  let last = await diskBytes(dir);
  let since = Date.now();
  while (Date.now() - start < timeoutMs) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await diskBytes(dir);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= stableMs) {
      break;
    }
  }
  return last;
}
