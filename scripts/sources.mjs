// When a build is stale: the newest modification time among its sources (unit tests, dotfiles
// and node_modules excluded), shared by `npm start`'s client and server builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const repo = path.resolve(import.meta.dirname, '..');

/** Newest mtime (ms) under each of `rels` (paths relative to the repository); 0 if none exist. */
export function newestSource(...rels) {
  let newest = 0;
  for (const rel of rels) {
    const full = path.join(repo, rel);
    if (!existsSync(full)) continue;
    const st = statSync(full);
    if (!st.isDirectory()) {
      if (!/\.test\.tsx?$/.test(rel)) newest = Math.max(newest, st.mtimeMs);
      continue;
    }
    for (const entry of readdirSync(full)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      newest = Math.max(newest, newestSource(path.join(rel, entry)));
    }
  }
  return newest;
}

/** True when `output` is missing or older than any of `sources`. */
export function isStale(output, sources) {
  return !existsSync(output) || newestSource(...sources) > statSync(output).mtimeMs;
}
