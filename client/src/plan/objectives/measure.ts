/**
 * Objectives in words and numbers: the measure as a sentence ("Raise on-time delivery from 82% to
 * 95% by 30 Jun 2027") and progress as a fraction of the way from baseline to target. Pure.
 */
import type { Measure, Objective, ProgressEntry } from '../../../../shared/schema.ts';

const CURRENCY_PREFIX = new Set(['$', '€', '£', '¥']);
const LEADING_VERBS = /^(raise|increase|reduce|decrease|cut|grow|improve|lower|lift|boost|keep|hold|reach|halve|double)\b/i;

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);
}

export function formatMeasureValue(value: number, unit: string): string {
  const u = unit.trim();
  if (!u) return formatNumber(value);
  if (u === '%') return `${formatNumber(value)}%`;
  if (CURRENCY_PREFIX.has(u)) return `${u}${formatNumber(value)}`;
  return `${formatNumber(value)} ${u}`;
}

/** "30 Jun 2027" for an ISO date (YYYY-MM-DD), read as a calendar date in no time zone. */
export function formatDate(iso: string): string {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

function subject(title: string): string {
  const t = title.trim();
  if (t.length > 1 && /^[A-Z][a-z]/.test(t)) return t[0].toLowerCase() + t.slice(1);
  return t;
}

export function measureSentence(o: Pick<Objective, 'title' | 'measure' | 'dueDate'>): string {
  const { measure } = o;
  const from = formatMeasureValue(measure.baseline, measure.unit);
  const to = formatMeasureValue(measure.target, measure.unit);
  const by = o.dueDate ? ` by ${formatDate(o.dueDate)}` : '';
  const title = o.title.trim();
  const head = LEADING_VERBS.test(title) ? title : `${measure.direction === 'decrease' ? 'Reduce' : 'Raise'} ${subject(title) || 'the measure'}`;
  return `${head} from ${from} to ${to}${by}`;
}

/** Entries in time order. */
export function sortedEntries(entries: readonly ProgressEntry[]): ProgressEntry[] {
  return [...entries].sort((a, b) => a.at.localeCompare(b.at));
}

/** How far the latest value has come from baseline towards target, clamped to 0..1. */
export function progressFraction(measure: Measure, value: number): number {
  const span = measure.target - measure.baseline;
  if (span === 0) return value === measure.target ? 1 : 0;
  return Math.min(1, Math.max(0, (value - measure.baseline) / span));
}
