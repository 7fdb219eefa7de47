/**
 * Word-level diff of two plain texts, for showing what changed in a rich-text section: the
 * result is a list of runs (kept, removed, added) that reads left to right as the new text with
 * the old text struck through where it was replaced.
 *
 * A longest-common-subsequence over tokens (words, single punctuation marks, whitespace). Plan
 * sections are a few hundred words, so the quadratic table is small; past MAX_LCS_CELLS the
 * changed middle (after the common prefix and suffix) is reported as one removal and one
 * addition instead, so a huge paste can never stall the server.
 */

export type RunOp = 'equal' | 'removed' | 'added';

export interface TextRun {
  op: RunOp;
  text: string;
}

/** Cells of the LCS table above which we fall back to "replace the changed middle". */
export const MAX_LCS_CELLS = 4_000_000;

const TOKEN = /\s+|[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}_'’-]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function push(runs: TextRun[], op: RunOp, text: string): void {
  if (!text) return;
  const last = runs[runs.length - 1];
  if (last && last.op === op) last.text += text;
  else runs.push({ op, text });
}

/** LCS edit script of the middle part (no common prefix or suffix), in token order. */
function lcsScript(a: string[], b: string[]): Array<{ op: RunOp; text: string }> {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_LCS_CELLS) {
    return [
      ...a.map((text) => ({ op: 'removed' as const, text })),
      ...b.map((text) => ({ op: 'added' as const, text })),
    ];
  }
  // table[i][j] = LCS length of a[i..] and b[j..], so the walk below goes forwards.
  const w = m + 1;
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * w + j] =
        a[i] === b[j] ? table[(i + 1) * w + j + 1] + 1 : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
    }
  }
  const out: Array<{ op: RunOp; text: string }> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'equal', text: a[i] });
      i++;
      j++;
    } else if (table[(i + 1) * w + j] >= table[i * w + j + 1]) {
      out.push({ op: 'removed', text: a[i++] });
    } else {
      out.push({ op: 'added', text: b[j++] });
    }
  }
  while (i < n) out.push({ op: 'removed', text: a[i++] });
  while (j < m) out.push({ op: 'added', text: b[j++] });
  return out;
}

/**
 * Groups each stretch of changes as "all removed, then all added", and swallows whitespace that
 * merely sat between two changes into both sides, so "the quick fox" → "a slow fox" reads as
 * [-the quick-][+a slow+] fox rather than alternating one-word fragments.
 */
function tidy(script: Array<{ op: RunOp; text: string }>): TextRun[] {
  const runs: TextRun[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    push(runs, 'removed', removed);
    push(runs, 'added', added);
    removed = added = '';
  };
  for (let k = 0; k < script.length; k++) {
    const s = script[k];
    if (s.op === 'removed') removed += s.text;
    else if (s.op === 'added') added += s.text;
    else {
      const inChange = (removed || added) && /^\s+$/.test(s.text) && script[k + 1] && script[k + 1].op !== 'equal';
      if (inChange) {
        removed += s.text;
        added += s.text;
      } else {
        flush();
        push(runs, 'equal', s.text);
      }
    }
  }
  flush();
  return runs;
}

/** Runs that turn `before` into `after`; `equal` runs joined with `added` runs give `after`. */
export function diffWords(before: string, after: string): TextRun[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const script = [
    ...a.slice(0, start).map((text) => ({ op: 'equal' as const, text })),
    ...lcsScript(a.slice(start, endA), b.slice(start, endB)),
    ...a.slice(endA).map((text) => ({ op: 'equal' as const, text })),
  ];
  return tidy(script);
}

/** The text a list of runs stands for on one side. */
export function runsText(runs: readonly TextRun[], side: 'before' | 'after'): string {
  const skip: RunOp = side === 'before' ? 'added' : 'removed';
  return runs
    .filter((r) => r.op !== skip)
    .map((r) => r.text)
    .join('');
}
