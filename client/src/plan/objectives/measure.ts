/**
 * Objectives in words and numbers: the measure as a sentence ("Raise on-time delivery from 82% to
 * 95% by 30 Jun 2027") and progress as a fraction of the way from baseline to target. Pure.
 */
import type { Objective } from '../../../../shared/schema.ts';

const CURRENCY_PREFIX = new Set(['$', '€', '£', '¥']);
const LEADING_VERBS =
  /^(raise|increase|reduce|decrease|cut|grow|improve|lower|lift|boost|keep|hold|reach|halve|double|shorten|lengthen|speed|accelerate|expand|extend|minimi[sz]e|maximi[sz]e|eliminate|achieve|deliver|maintain|sustain|win|launch|enter|secure|drive|build|bring|get|hit|make|move|deepen|strengthen|simplify|align|stop|start)\b/i;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);
}

export function formatMeasureValue(value: number, unit: string): string {
  const u = unit.trim();
  if (!u) return formatNumber(value);
  // "%" and "% of SKUs" hug the number; other units are words after it.
  if (u.startsWith('%')) return `${formatNumber(value)}${u}`;
  if (CURRENCY_PREFIX.has(u)) return `${u}${formatNumber(value)}`;
  return `${formatNumber(value)} ${u}`;
}

/** "30 Jun 2027" for an ISO date (YYYY-MM-DD), read as a calendar date in no time zone. */
export function formatDate(iso: string): string {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  // Fixed three-letter months ("Sep", not the locale's "Sept"), to match the design copy.
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function subject(title: string): string {
  const t = title.trim();
  if (t.length > 1 && /^[A-Z][a-z]/.test(t)) return t[0].toLowerCase() + t.slice(1);
  return t;
}

/** Whether the title already reads as an action ("Cut stock-outs"), so it can lead the sentence. */
export function titleIsAction(title: string): boolean {
  return LEADING_VERBS.test(title.trim());
}

export function measureSentence(o: Pick<Objective, 'title' | 'measure' | 'dueDate'>): string {
  const { measure } = o;
  const from = formatMeasureValue(measure.baseline, measure.unit);
  const to = formatMeasureValue(measure.target, measure.unit);
  const by = o.dueDate ? ` by ${formatDate(o.dueDate)}` : '';
  const title = o.title.trim();
  const head = titleIsAction(title)
    ? title
    : `${measure.direction === 'decrease' ? 'Reduce' : 'Raise'} ${subject(title) || 'the measure'}`;
  return `${head} from ${from} to ${to}${by}`;
}

/** The sentence without its subject, for cards whose heading is already the action. */
export function measureClause(o: Pick<Objective, 'measure' | 'dueDate'>): string {
  const from = formatMeasureValue(o.measure.baseline, o.measure.unit);
  const to = formatMeasureValue(o.measure.target, o.measure.unit);
  return `From ${from} to ${to}${o.dueDate ? ` by ${formatDate(o.dueDate)}` : ''}`;
}

/** Entries in time order (malformed ones dropped). */
export { entriesInTimeOrder as sortedEntries, progressFraction } from '../../../../shared/progress.ts';
