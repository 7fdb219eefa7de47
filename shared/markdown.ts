/**
 * A whole plan as one Markdown document: the export of the current plan or of any version.
 * Every section is always present, in the order the plan page shows them, with a short line
 * where a section is empty, so a reader can tell "nothing here" from "left out".
 *
 * Pure: a plan Y.Doc or a snapshot (shared/planSnapshot.ts) in, a string out. People appear by
 * name when `people` knows them (user id → name), else by id.
 */
import * as Y from 'yjs';
import type { Objective, ProgressEntry, Project } from './schema.ts';
import { entriesInTimeOrder, entryDay } from './progress.ts';
import { snapshotPlan, type PlanSnapshot } from './planSnapshot.ts';
import { escapeInline, richToMarkdown } from './richMarkdown.ts';

export interface MarkdownOptions {
  /** User id → display name, for owners, assignees and progress entries. */
  people?: Readonly<Record<string, string>>;
  /** A line under the title, e.g. which version this is and when it was captured. */
  subtitle?: string;
}

export const SECTION_TITLES = {
  vision: 'Shared Vision',
  objectives: 'Strategic Objectives',
  accountPlanProject: 'Account Plan Project',
  otherProjects: 'Other Projects',
  principles: 'Guiding Principles',
  behaviours: 'Intended Behaviours',
} as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const STATUS_LABEL: Record<Project['status'], string> = {
  planned: 'Planned',
  active: 'Active',
  on_hold: 'On hold',
  done: 'Done',
};

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);
}

/** "82%", "6.5% of SKUs", "12 days", "$40": percent-like and currency units hug the number. */
export function formatValue(value: number, unit: string): string {
  const u = unit.trim();
  if (!u) return formatNumber(value);
  if (u.startsWith('%')) return `${formatNumber(value)}${u}`;
  if (['$', '€', '£', '¥'].includes(u)) return `${u}${formatNumber(value)}`;
  return `${formatNumber(value)} ${u}`;
}

/** "30 Jun 2027" for an ISO date; a full ISO time keeps its UTC clock ("…, 14:02 UTC"). */
export function formatWhen(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const d = new Date(bare ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (!withTime || bare) return date;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${date}, ${hh}:${mm} UTC`;
}

/** The measure as a sentence: "Increase from 82% to 95% by 30 Jun 2027." */
export function measureSentence(o: Pick<Objective, 'measure' | 'dueDate'>): string {
  const { measure } = o;
  const verb = measure.direction === 'decrease' ? 'Decrease' : 'Increase';
  const by = o.dueDate ? ` by ${formatWhen(o.dueDate)}` : '';
  return `${verb} from ${formatValue(measure.baseline, measure.unit)} to ${formatValue(measure.target, measure.unit)}${by}.`;
}

/** How far a value has come from baseline towards target, 0..100 (clamped). */
export function percentOfWay(o: Pick<Objective, 'measure'>, value: number): number {
  const { baseline, target, direction } = o.measure;
  const reached = direction === 'decrease' ? value <= target : value >= target;
  if (reached) return 100;
  if (target === baseline) return 0;
  return Math.round(Math.min(1, Math.max(0, (value - baseline) / (target - baseline))) * 100);
}

function personName(people: MarkdownOptions['people'], id: string | null | undefined): string {
  if (!id) return '';
  return people?.[id] ?? id;
}

function objectiveMarkdown(
  o: Objective,
  i: number,
  entries: readonly ProgressEntry[],
  people: MarkdownOptions['people'],
): string {
  const parts = [`### ${i + 1}. ${escapeInline(o.title || 'Untitled objective')}`];
  if (o.description.trim()) parts.push(escapeInline(o.description.trim()));
  parts.push(`**Measure:** ${escapeInline(measureSentence(o))}`);
  // Plans from before owners and data sources say so rather than leaving the reader to guess.
  parts.push(
    `**Owner:** ${o.owner ? escapeInline(personName(people, o.owner)) : 'not set'} · ` +
      `**Data source:** ${o.dataSource?.trim() ? escapeInline(o.dataSource.trim()) : 'not set'}`,
  );
  if (o.lock) {
    parts.push(
      `**Locked:** definition locked by ${escapeInline(personName(people, o.lock.by))} on ${formatWhen(o.lock.at)}.`,
    );
  }
  const sorted = entriesInTimeOrder(entries);
  const latest = sorted[sorted.length - 1];
  if (!latest) {
    parts.push('**Progress:** no progress recorded yet.');
  } else {
    const count = sorted.length === 1 ? '1 entry' : `${sorted.length} entries`;
    parts.push(
      `**Progress:** ${escapeInline(formatValue(latest.value, o.measure.unit))} as of ${formatWhen(entryDay(latest))}, ` +
        `${percentOfWay(o, latest.value)}% of the way from baseline to target (${count}).`,
    );
    const lines = sorted.map((e) => {
      const note = e.note ? ` — ${escapeInline(e.note)}` : '';
      const who = e.by ? ` (${escapeInline(personName(people, e.by))})` : '';
      return `- ${formatWhen(entryDay(e))}: ${escapeInline(formatValue(e.value, o.measure.unit))}${note}${who}`;
    });
    parts.push(lines.join('\n'));
  }
  return parts.join('\n\n');
}

function projectMarkdown(p: Project, plan: PlanSnapshot, people: MarkdownOptions['people']): string {
  const parts = [`### ${escapeInline(p.name || 'Untitled project')}`];
  if (p.description.trim()) parts.push(escapeInline(p.description.trim()));
  const facts = [`**Status:** ${STATUS_LABEL[p.status]}`];
  if (p.owner) facts.push(`**Owner:** ${escapeInline(personName(people, p.owner))}`);
  const titles = p.objectiveIds
    .map((id) => plan.objectives.find((o) => o.id === id)?.title)
    .filter((t): t is string => !!t);
  if (titles.length) facts.push(`**Objectives:** ${titles.map(escapeInline).join('; ')}`);
  parts.push(facts.join(' · '));
  if (!p.activities.length) {
    parts.push('No activities yet.');
  } else {
    const lines = p.activities.map((a) => {
      const extra = [
        a.assignee ? escapeInline(personName(people, a.assignee)) : '',
        a.dueDate ? `due ${formatWhen(a.dueDate)}` : '',
      ].filter(Boolean);
      return `- [${a.done ? 'x' : ' '}] ${escapeInline(a.title || 'Untitled activity')}${extra.length ? ` — ${extra.join(', ')}` : ''}`;
    });
    parts.push(`**Activities**\n\n${lines.join('\n')}`);
  }
  return parts.join('\n\n');
}

function section(title: string, body: string, empty: string): string {
  return `## ${title}\n\n${body.trim() ? body : `_${empty}_`}`;
}

export function planToMarkdown(input: Y.Doc | PlanSnapshot, options: MarkdownOptions = {}): string {
  const plan = input instanceof Y.Doc ? snapshotPlan(input) : input;
  const { people } = options;
  const app = plan.projects.filter((p) => p.isAccountPlanProject);
  const others = plan.projects.filter((p) => !p.isAccountPlanProject);
  const parts = [`# ${escapeInline(plan.title || 'Account plan')}`];
  if (options.subtitle) parts.push(`_${escapeInline(options.subtitle)}_`);
  parts.push(
    section(SECTION_TITLES.vision, richToMarkdown(plan.vision, 2), 'No shared vision written yet.'),
    section(
      SECTION_TITLES.objectives,
      plan.objectives.map((o, i) => objectiveMarkdown(o, i, plan.progress[o.id] ?? [], people)).join('\n\n'),
      'No strategic objectives yet.',
    ),
    section(
      SECTION_TITLES.accountPlanProject,
      app.map((p) => projectMarkdown(p, plan, people)).join('\n\n'),
      'No Account Plan Project.',
    ),
    section(
      SECTION_TITLES.otherProjects,
      others.map((p) => projectMarkdown(p, plan, people)).join('\n\n'),
      'No other projects.',
    ),
    section(SECTION_TITLES.principles, richToMarkdown(plan.principles, 2), 'No guiding principles yet.'),
    section(SECTION_TITLES.behaviours, richToMarkdown(plan.behaviours, 2), 'No intended behaviours yet.'),
  );
  return parts.join('\n\n') + '\n';
}
