/**
 * A company's Account Plan settings: the enable switch, the objective catalog, and the principle
 * and behaviour libraries. One draft, saved with one PUT over the version it started from
 * (If-Match); validation names each field, and a server error is shown above the form without
 * touching the draft. When another admin saved meanwhile, the save is refused and the form
 * offers to merge their settings with the draft (settingsMerge.ts) or to load theirs.
 */
import { useState, type FormEvent } from 'react';
import { ActionIcon, Alert, Button, SegmentedControl, Switch, TextInput, Textarea, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowDown,
  IconArrowUp,
  IconArrowsDiff,
  IconCheck,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { ApiError } from '../api/http.ts';
import { useLeaveGuard } from '../lib/router.tsx';
import { putSettings, SettingsChangedError, type VersionedSettings } from './api.ts';
import { mergeSettings } from './settingsMerge.ts';
import {
  draftFromSettings,
  emptyCatalogObjective,
  SETTINGS_LIMITS,
  validateSettings,
  type CatalogDraft,
  type SettingsDraft,
  type SettingsErrors,
} from './settingsDraft.ts';
import classes from './Admin.module.css';

const NO_ERRORS: SettingsErrors = { objectives: {}, principles: {}, behaviours: {}, form: [] };

export function SettingsForm({
  companyId,
  companyName,
  saved,
  onSaved,
}: {
  companyId: string;
  companyName: string;
  saved: VersionedSettings;
  onSaved: (s: VersionedSettings) => void;
}) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(saved.settings));
  /** Settings someone else saved since `saved`, when a save was refused for it. */
  const [theirs, setTheirs] = useState<VersionedSettings | null>(null);
  /** After a merge: what both changed (the admin's value was kept), to review before saving. */
  const [mergeNotes, setMergeNotes] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<SettingsErrors>(NO_ERRORS);
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const [dirty, setDirty] = useState(false);

  useLeaveGuard(
    dirty
      ? `Leave without saving? Your changes to ${companyName}’s Account Plan settings are not saved yet and will be lost.`
      : null,
  );

  const change = (fn: (d: SettingsDraft) => SettingsDraft) => {
    setDraft(fn);
    setDirty(true);
    setJustSaved(false);
  };
  const setObjective = (key: string, patch: Partial<CatalogDraft>) => {
    change((d) => ({ ...d, objectives: d.objectives.map((o) => (o.key === key ? { ...o, ...patch } : o)) }));
    setErrors((e) => {
      if (!e.objectives[key]) return e;
      const cleared = { ...e.objectives[key] };
      for (const k of Object.keys(patch)) delete cleared[k as keyof typeof cleared];
      return { ...e, objectives: { ...e.objectives, [key]: cleared } };
    });
  };
  const moveObjective = (i: number, delta: -1 | 1) =>
    change((d) => {
      const list = [...d.objectives];
      const [o] = list.splice(i, 1);
      list.splice(i + delta, 0, o);
      return { ...d, objectives: list };
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setServerError(null);
    const r = validateSettings(draft);
    if (!r.ok) {
      setErrors(r.errors);
      setServerError(
        `${r.count} ${r.count === 1 ? 'field needs' : 'fields need'} attention before saving. Nothing was saved yet.`,
      );
      return;
    }
    setErrors(NO_ERRORS);
    setSaving(true);
    try {
      const stored = await putSettings(companyId, r.value, saved.version);
      onSaved(stored);
      setDraft(draftFromSettings(stored.settings));
      setDirty(false);
      setJustSaved(true);
      setMergeNotes(null);
    } catch (err) {
      if (err instanceof SettingsChangedError) {
        setTheirs(err.current);
        return;
      }
      const msg =
        err instanceof ApiError
          ? err.isNetwork
            ? err.message
            : `The server refused the settings (${err.status}): ${err.message}`
          : String(err);
      setServerError(`${msg} Your changes are still here; fix them or try again.`);
    } finally {
      setSaving(false);
    }
  };

  const merge = () => {
    if (!theirs) return;
    const r = validateSettings(draft);
    if (!r.ok) return;
    const { merged, conflicts } = mergeSettings(saved.settings, r.value, theirs.settings);
    setDraft(draftFromSettings(merged));
    onSaved(theirs);
    setTheirs(null);
    setMergeNotes(conflicts);
    setDirty(true);
  };
  const loadTheirs = () => {
    if (!theirs) return;
    setDraft(draftFromSettings(theirs.settings));
    onSaved(theirs);
    setTheirs(null);
    setMergeNotes(null);
    setDirty(false);
  };

  return (
    <form onSubmit={submit} noValidate className={classes.form} data-testid="settings-form">
      <div className={classes.panel}>
        <Switch
          size="md"
          checked={draft.enabled}
          onChange={(e) => change((d) => ({ ...d, enabled: e.currentTarget.checked }))}
          label={`Account Plans are ${draft.enabled ? 'enabled' : 'not enabled'} for ${companyName}`}
          description="When enabled, you can set up a plan for each relationship your company owns, starting from the catalog and libraries below."
          data-testid="settings-enabled"
        />
      </div>

      <fieldset className={classes.panel}>
        <legend className={classes.legend}>Objective catalog</legend>
        <p className={classes.hint}>
          The strategic objectives a new plan can start from. Plans keep their own copies; editing the catalog does not
          change plans already set up.
        </p>
        {draft.objectives.length === 0 ? (
          <p className={classes.emptyLine}>
            No catalog objectives yet. Add the first one: what you measure, from where to where.
          </p>
        ) : null}
        <ol className={classes.catalog}>
          {draft.objectives.map((o, i) => {
            const e = errors.objectives[o.key] ?? {};
            const n = i + 1;
            return (
              <li key={o.key} className={classes.catalogItem} data-testid={`catalog-${i}`}>
                <div className={classes.catalogHead}>
                  <span className={classes.catalogIndex}>{n}</span>
                  <TextInput
                    className={classes.grow}
                    label="Title"
                    required
                    value={o.title}
                    onChange={(ev) => setObjective(o.key, { title: ev.currentTarget.value })}
                    error={e.title}
                  />
                  <div className={classes.rowActions}>
                    <Tooltip label="Move up" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        disabled={i === 0}
                        onClick={() => moveObjective(i, -1)}
                        aria-label={`Move objective ${n} up`}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Move down" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        disabled={i === draft.objectives.length - 1}
                        onClick={() => moveObjective(i, 1)}
                        aria-label={`Move objective ${n} down`}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label="Remove from the catalog" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          change((d) => ({ ...d, objectives: d.objectives.filter((x) => x.key !== o.key) }))
                        }
                        aria-label={`Remove objective ${n}`}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </div>
                </div>
                <Textarea
                  label="Description"
                  autosize
                  minRows={1}
                  maxRows={5}
                  value={o.description}
                  onChange={(ev) => setObjective(o.key, { description: ev.currentTarget.value })}
                  error={e.description}
                />
                <div className={classes.measureRow}>
                  <TextInput
                    label="Unit"
                    value={o.unit}
                    onChange={(ev) => setObjective(o.key, { unit: ev.currentTarget.value })}
                    error={e.unit}
                  />
                  <TextInput
                    label="Baseline"
                    required
                    inputMode="decimal"
                    value={o.baseline}
                    onChange={(ev) => setObjective(o.key, { baseline: ev.currentTarget.value })}
                    error={e.baseline}
                  />
                  <TextInput
                    label="Target"
                    required
                    inputMode="decimal"
                    value={o.target}
                    onChange={(ev) => setObjective(o.key, { target: ev.currentTarget.value })}
                    error={e.target}
                  />
                  <div>
                    <div className={classes.fakeLabel} id={`dir-${o.key}`}>
                      Direction
                    </div>
                    <SegmentedControl
                      fullWidth
                      aria-labelledby={`dir-${o.key}`}
                      value={o.direction}
                      onChange={(v) => setObjective(o.key, { direction: v === 'decrease' ? 'decrease' : 'increase' })}
                      data={[
                        { value: 'increase', label: 'Increase' },
                        { value: 'decrease', label: 'Decrease' },
                      ]}
                    />
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
        <Button
          variant="default"
          leftSection={<IconPlus size={15} />}
          onClick={() => change((d) => ({ ...d, objectives: [...d.objectives, emptyCatalogObjective()] }))}
          disabled={draft.objectives.length >= SETTINGS_LIMITS.objectives}
          data-testid="catalog-add"
        >
          Add catalog objective
        </Button>
      </fieldset>

      <div className={classes.libraries}>
        <LibraryEditor
          legend="Guiding principles"
          hint="How both companies agree to work. New plans start with all of them."
          items={draft.principles}
          errors={errors.principles}
          onChange={(principles) => change((d) => ({ ...d, principles }))}
          noun="principle"
        />
        <LibraryEditor
          legend="Intended behaviours"
          hint="What each side commits to do. New plans start with all of them."
          items={draft.behaviours}
          errors={errors.behaviours}
          onChange={(behaviours) => change((d) => ({ ...d, behaviours }))}
          noun="behaviour"
        />
      </div>

      <div className={classes.saveBar}>
        {theirs ? (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconArrowsDiff size={18} />}
            role="alert"
            className={classes.saveAlert}
            title="Someone else saved these settings while you were editing"
            data-testid="settings-stale"
          >
            Nothing of yours was saved, and nothing is lost. Merge their settings into yours to review them together, or
            drop your changes and load theirs.
            <div className={classes.staleActions}>
              <Button size="xs" onClick={merge} data-testid="settings-merge">
                Merge with their changes
              </Button>
              <Button size="xs" variant="default" onClick={loadTheirs} data-testid="settings-load-theirs">
                Discard mine and load theirs
              </Button>
            </div>
          </Alert>
        ) : null}
        {mergeNotes ? (
          <Alert
            color="blue"
            variant="light"
            icon={<IconArrowsDiff size={18} />}
            className={classes.saveAlert}
            data-testid="settings-merged"
            title="Merged: their changes are in the form with yours"
          >
            {mergeNotes.length === 0
              ? 'Nothing clashed. Review the settings and save them.'
              : 'You both changed these; yours are kept. Review them, then save:'}
            {mergeNotes.length ? (
              <ul className={classes.mergeList}>
                {mergeNotes.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        {serverError || errors.form.length ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            role="alert"
            className={classes.saveAlert}
            data-testid="settings-error"
          >
            {serverError}
            {errors.form.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </Alert>
        ) : null}
        <div className={classes.saveRow}>
          <span className={classes.saveState} aria-live="polite">
            {saving ? (
              'Saving…'
            ) : justSaved ? (
              <>
                <IconCheck size={14} aria-hidden /> Saved
              </>
            ) : dirty ? (
              'Unsaved changes'
            ) : (
              'No changes'
            )}
          </span>
          <Button type="submit" loading={saving} data-testid="settings-save">
            Save settings
          </Button>
        </div>
      </div>
    </form>
  );
}

function LibraryEditor({
  legend,
  hint,
  items,
  errors,
  onChange,
  noun,
}: {
  legend: string;
  hint: string;
  items: string[];
  errors: Record<number, string>;
  onChange: (items: string[]) => void;
  noun: string;
}) {
  return (
    <fieldset className={classes.panel}>
      <legend className={classes.legend}>{legend}</legend>
      <p className={classes.hint}>{hint}</p>
      {items.length === 0 ? <p className={classes.emptyLine}>None yet. Add the first {noun} below.</p> : null}
      <ol className={classes.library}>
        {items.map((t, i) => (
          <li key={i} className={classes.libraryItem}>
            <Textarea
              className={classes.grow}
              autosize
              minRows={1}
              maxRows={4}
              value={t}
              onChange={(e) => onChange(items.map((x, j) => (j === i ? e.currentTarget.value : x)))}
              error={errors[i]}
              aria-label={`${noun[0].toUpperCase()}${noun.slice(1)} ${i + 1}`}
              placeholder={`Write the ${noun}, or remove this line`}
            />
            <Tooltip label={`Remove this ${noun}`} withArrow>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => onChange(items.filter((_, j) => j !== i))}
                aria-label={`Remove ${noun} ${i + 1}`}
                mt={4}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </li>
        ))}
      </ol>
      <Button
        variant="default"
        leftSection={<IconPlus size={15} />}
        onClick={() => onChange([...items, ''])}
        disabled={items.length >= SETTINGS_LIMITS.library}
      >
        Add {noun}
      </Button>
    </fieldset>
  );
}
