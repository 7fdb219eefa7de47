/**
 * The Account Plan settings form's draft and its validation. Numbers stay as typed strings until
 * saved, so a failed save (client or server) never rewrites what the admin typed. Pure.
 */
import { emptyMeasureDraft, measureDraftOf, parseNumber, type MeasureDraft } from '../plan/objectives/draft.ts';
import type { AccountPlanSettings } from './api.ts';

/** The server's limits (server/http/schemas.ts), checked here first to say so in words. */
export const SETTINGS_LIMITS = {
  objectives: 100,
  library: 50,
  title: 200,
  description: 2000,
  unit: 40,
  entry: 500,
} as const;

export interface CatalogDraft extends MeasureDraft {
  /** Stable React key; the server id when there is one. */
  key: string;
  id?: string;
}

export interface SettingsDraft {
  enabled: boolean;
  objectives: CatalogDraft[];
  principles: string[];
  behaviours: string[];
}

export type CatalogErrors = Partial<Record<'title' | 'description' | 'unit' | 'baseline' | 'target', string>>;
export interface SettingsErrors {
  objectives: Record<string, CatalogErrors>;
  principles: Record<number, string>;
  behaviours: Record<number, string>;
  form: string[];
}

let seq = 0;
export const newKey = () => `new-${++seq}`;

export function draftFromSettings(s: AccountPlanSettings): SettingsDraft {
  return {
    enabled: s.enabled,
    objectives: s.objectives.map((o) => ({ key: o.id ?? newKey(), id: o.id, ...measureDraftOf(o) })),
    principles: [...s.principles],
    behaviours: [...s.behaviours],
  };
}

export const emptyCatalogObjective = (): CatalogDraft => ({ key: newKey(), ...emptyMeasureDraft() });

export type SettingsResult =
  { ok: true; value: AccountPlanSettings } | { ok: false; errors: SettingsErrors; count: number };

/** Blank library lines are dropped; everything else must be valid or it is named. */
export function validateSettings(d: SettingsDraft): SettingsResult {
  const errors: SettingsErrors = { objectives: {}, principles: {}, behaviours: {}, form: [] };
  let count = 0;
  const L = SETTINGS_LIMITS;
  const objectives = d.objectives.map((o) => {
    const e: CatalogErrors = {};
    if (!o.title.trim()) e.title = 'Give the objective a title.';
    else if (o.title.trim().length > L.title) e.title = `Keep the title under ${L.title} characters.`;
    if (o.description.length > L.description) e.description = `Keep the description under ${L.description} characters.`;
    if (o.unit.trim().length > L.unit) e.unit = `Keep the unit under ${L.unit} characters.`;
    const baseline = parseNumber(o.baseline);
    const target = parseNumber(o.target);
    if (baseline === null) e.baseline = 'Enter a number.';
    if (target === null) e.target = 'Enter a number.';
    if (baseline !== null && target !== null) {
      if (o.direction === 'increase' && target < baseline) e.target = 'To increase, aim at or above the baseline.';
      if (o.direction === 'decrease' && target > baseline) e.target = 'To decrease, aim at or below the baseline.';
    }
    const n = Object.keys(e).length;
    if (n) {
      errors.objectives[o.key] = e;
      count += n;
    }
    return {
      ...(o.id ? { id: o.id } : {}),
      title: o.title.trim(),
      description: o.description.trim(),
      measure: { unit: o.unit.trim(), baseline: baseline ?? 0, target: target ?? 0, direction: o.direction },
    };
  });
  const library = (list: string[], which: 'principles' | 'behaviours') => {
    const out: string[] = [];
    list.forEach((t, i) => {
      const v = t.trim();
      if (!v) return;
      if (v.length > L.entry) {
        errors[which][i] = `Keep it under ${L.entry} characters.`;
        count++;
      }
      out.push(v);
    });
    if (out.length > L.library) {
      errors.form.push(`At most ${L.library} ${which}: remove ${out.length - L.library}.`);
      count++;
    }
    return out;
  };
  const principles = library(d.principles, 'principles');
  const behaviours = library(d.behaviours, 'behaviours');
  if (objectives.length > L.objectives) {
    errors.form.push(`At most ${L.objectives} catalog objectives: remove ${objectives.length - L.objectives}.`);
    count++;
  }
  if (count) return { ok: false, errors, count };
  return { ok: true, value: { enabled: d.enabled, objectives, principles, behaviours } };
}
