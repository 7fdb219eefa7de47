/**
 * The objective form's draft: what the person typed, kept as strings so nothing they typed is
 * ever rewritten, and its validation into an objective's fields. Pure, unit-tested.
 */
import {
  FIELD_LIMITS,
  isIsoDate as isIsoDateValue,
  type Direction,
  type Objective,
  type ObjectiveData,
} from '../../../../shared/schema.ts';

/** An objective's definition as typed; also the admin's catalog objectives (admin/settingsDraft.ts). */
export interface MeasureDraft {
  title: string;
  description: string;
  unit: string;
  baseline: string;
  target: string;
  direction: Direction;
}

export interface ObjectiveDraft extends MeasureDraft {
  dueDate: string;
  /** A participant's user id, or '' for nobody. */
  owner: string;
  dataSource: string;
}

export type DraftErrors = Partial<Record<keyof ObjectiveDraft, string>>;

/** The limits the server enforces on every write (shared/schema.ts), as the form shows them. */
export const LIMITS = {
  title: FIELD_LIMITS.title,
  description: FIELD_LIMITS.description,
  unit: FIELD_LIMITS.unit,
  note: FIELD_LIMITS.note,
  dataSource: FIELD_LIMITS.dataSource,
} as const;

export const emptyMeasureDraft = (): MeasureDraft => ({
  title: '',
  description: '',
  unit: '%',
  baseline: '',
  target: '',
  direction: 'increase',
});

export const emptyDraft = (): ObjectiveDraft => ({ ...emptyMeasureDraft(), dueDate: '', owner: '', dataSource: '' });

export function measureDraftOf(o: Pick<Objective, 'title' | 'description' | 'measure'>): MeasureDraft {
  return {
    title: o.title,
    description: o.description,
    unit: o.measure.unit,
    baseline: String(o.measure.baseline),
    target: String(o.measure.target),
    direction: o.measure.direction,
  };
}

export function draftOf(
  o: Pick<Objective, 'title' | 'description' | 'measure' | 'dueDate' | 'owner' | 'dataSource'>,
): ObjectiveDraft {
  return { ...measureDraftOf(o), dueDate: o.dueDate ?? '', owner: o.owner ?? '', dataSource: o.dataSource ?? '' };
}

/** A finite number from what was typed ("1,5" reads as 1.5; thousands separators are not guessed). */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A calendar date as `YYYY-MM-DD` that exists: the server's rule for due dates. */
export const isIsoDate = (s: string): boolean => isIsoDateValue(s);

export type DraftResult =
  | {
      ok: true;
      value: Pick<ObjectiveData, 'title' | 'description' | 'measure' | 'dueDate'> & {
        owner: string | null;
        dataSource: string;
      };
    }
  | { ok: false; errors: DraftErrors };

export function validateDraft(d: ObjectiveDraft): DraftResult {
  const errors: DraftErrors = {};
  const title = d.title.trim();
  if (!title) errors.title = 'Give the objective a title.';
  else if (title.length > LIMITS.title) errors.title = `Keep the title under ${LIMITS.title} characters.`;
  if (d.description.length > LIMITS.description)
    errors.description = `Keep the description under ${LIMITS.description} characters.`;
  if (d.unit.trim().length > LIMITS.unit) errors.unit = `Keep the unit under ${LIMITS.unit} characters.`;
  const baseline = parseNumber(d.baseline);
  const target = parseNumber(d.target);
  if (baseline === null)
    errors.baseline = d.baseline.trim() ? 'Enter a number, like 82 or 6.5.' : 'Enter where the measure starts.';
  if (target === null) errors.target = d.target.trim() ? 'Enter a number, like 95 or 3.' : 'Enter the value to reach.';
  if (baseline !== null && target !== null) {
    if (d.direction === 'increase' && target < baseline)
      errors.target = 'To increase, the target must be at or above the baseline.';
    if (d.direction === 'decrease' && target > baseline)
      errors.target = 'To decrease, the target must be at or below the baseline.';
  }
  if (d.dueDate && !isIsoDate(d.dueDate)) errors.dueDate = 'Pick a date, or leave it empty.';
  const dataSource = (d.dataSource ?? '').trim();
  if (dataSource.length > LIMITS.dataSource)
    errors.dataSource = `Keep the data source under ${LIMITS.dataSource} characters.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title,
      description: d.description.trim(),
      measure: { unit: d.unit.trim(), baseline: baseline!, target: target!, direction: d.direction },
      dueDate: d.dueDate || null,
      owner: d.owner || null,
      dataSource,
    },
  };
}
