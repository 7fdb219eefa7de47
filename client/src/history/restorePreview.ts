/**
 * What restoring a version would do to the plan, per section, in words: what it removes (work
 * done since the version) and what it changes back. Read from the diff "from the version to
 * now" (GET …/diff?against=current), so what a restore removes is what that diff added. Pure.
 */
import {
  RESTORABLE_SECTIONS,
  RESTORABLE_SECTION_NAMES,
  type PlanDiff,
  type RestorableSection,
  type TextDiff,
} from '../../../shared/planDiff.ts';

export interface RestoreEffect {
  section: RestorableSection;
  /** "Vision". */
  label: string;
  /** Work done since the version that the restore takes out. */
  removes: string[];
  /** What the restore brings back or sets back. */
  changes: string[];
}

const MAX_QUOTE = 120;
const quote = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return `“${t.length > MAX_QUOTE ? `${t.slice(0, MAX_QUOTE - 1)}…` : t}”`;
};
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const FIELD_NAMES: Record<string, string> = {
  objectiveIds: 'linked objectives',
  dueDate: 'due date',
  isAccountPlanProject: 'kind',
  createdBy: 'creator',
  catalogId: 'catalog link',
};
const fieldList = (fields: readonly { field: string }[]) =>
  fields.map((f) => FIELD_NAMES[f.field] ?? f.field).join(', ');

function textEffect(diff: TextDiff): Pick<RestoreEffect, 'removes' | 'changes'> {
  const removes = diff.runs.filter((r) => r.op === 'added' && r.text.trim()).map((r) => `The text ${quote(r.text)}`);
  const changes = diff.runs
    .filter((r) => r.op === 'removed' && r.text.trim())
    .map((r) => `Brings back ${quote(r.text)}`);
  if (diff.formattingOnly) changes.push('Formatting goes back to the version’s');
  return { removes, changes };
}

function effectOf(section: RestorableSection, diff: PlanDiff): Pick<RestoreEffect, 'removes' | 'changes'> {
  switch (section) {
    case 'title':
      return {
        removes: [],
        changes: [`The title goes back to ${quote(diff.title.before)} (now ${quote(diff.title.after)})`],
      };
    case 'vision':
    case 'principles':
    case 'behaviours':
      return textEffect(diff[section]);
    case 'objectives': {
      const entriesOf = (id: string) => diff.progress.objectives.find((p) => p.objectiveId === id)?.added.length ?? 0;
      return {
        removes: diff.objectives.added.map((o) => {
          const n = entriesOf(o.id);
          return `Objective ${quote(o.title)}${n ? ` and its ${plural(n, 'progress entry', 'progress entries')}` : ''}`;
        }),
        changes: [
          ...diff.objectives.removed.map((o) => `Brings back objective ${quote(o.title)}`),
          ...diff.objectives.modified.map(
            (m) => `Objective ${quote(m.before.title)}: ${fieldList(m.fields)} back as in the version`,
          ),
        ],
      };
    }
    case 'projects': {
      const removes = diff.projects.added.map(
        (p) =>
          `Project ${quote(p.name)}${p.activities.length ? ` and its ${plural(p.activities.length, 'activity', 'activities')}` : ''}`,
      );
      const changes = diff.projects.removed.map((p) => `Brings back project ${quote(p.name)}`);
      for (const m of diff.projects.modified) {
        for (const a of m.activities.added) removes.push(`Activity ${quote(a.title)} of ${quote(m.after.name)}`);
        for (const a of m.activities.removed)
          changes.push(`Brings back activity ${quote(a.title)} of ${quote(m.before.name)}`);
        for (const a of m.activities.modified)
          changes.push(`Activity ${quote(a.before.title)}: ${fieldList(a.fields)} back as in the version`);
        const own = m.fields.filter((f) => f.field !== 'activities');
        if (own.length) changes.push(`Project ${quote(m.before.name)}: ${fieldList(own)} back as in the version`);
        else if (m.activities.added.length + m.activities.removed.length + m.activities.modified.length === 0)
          changes.push(`Project ${quote(m.before.name)}: its activities go back to the version’s order`);
      }
      return { removes, changes };
    }
  }
}

/** The sections a restore would change, in plan order, with what it would do to each. */
export function restoreEffects(diff: PlanDiff): RestoreEffect[] {
  return RESTORABLE_SECTIONS.filter((s) => diff[s].changed).map((section) => ({
    section,
    label: RESTORABLE_SECTION_NAMES[section],
    ...effectOf(section, diff),
  }));
}
