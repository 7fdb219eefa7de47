/**
 * The confirmation before a restore: which sections differ from the version (each can be left
 * out, so one section can be restored alone), and, for the chosen ones, exactly what the restore
 * would remove and bring back, from the diff of the version with now. The diff follows the live
 * plan while the confirmation is open, so the list never goes stale.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, Group, Skeleton } from '@mantine/core';
import type { RestorableSection } from '../../../shared/planDiff.ts';
import { ErrorState } from '../ui/StateViews.tsx';
import type { VersionDiff } from './api.ts';
import { restoreEffects } from './restorePreview.ts';
import classes from './History.module.css';

export interface RestoreConfirmProps {
  title: string;
  diff:
    { status: 'loading' } | { status: 'ok'; data: VersionDiff } | { status: 'error'; error: Error; reload: () => void };
  busy: boolean;
  onCancel: () => void;
  /** `null`: the whole plan. */
  onRestore: (sections: RestorableSection[] | null) => void;
}

const MAX_LINES = 8;
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function RestoreConfirm({ title, diff, busy, onCancel, onRestore }: RestoreConfirmProps) {
  const effects = useMemo(() => (diff.status === 'ok' ? restoreEffects(diff.data.diff) : []), [diff]);
  const [left, setLeft] = useState<Set<RestorableSection>>(() => new Set());
  // A section that stops differing while the confirmation is open is simply no longer listed.
  const chosen = effects.filter((e) => !left.has(e.section));
  const whole = chosen.length === effects.length;
  useEffect(() => {
    setLeft((l) => new Set([...l].filter((s) => effects.some((e) => e.section === s))));
  }, [effects]);
  const toggle = (s: RestorableSection, on: boolean) =>
    setLeft((l) => {
      const next = new Set(l);
      if (on) next.delete(s);
      else next.add(s);
      return next;
    });

  return (
    <div
      className={classes.confirm}
      role="alertdialog"
      aria-labelledby="history-confirm-title"
      aria-describedby="history-confirm-body"
      data-testid="history-confirm"
    >
      <p id="history-confirm-title" className={classes.confirmTitle}>
        Restore “{title}”?
      </p>
      <p id="history-confirm-body" className={classes.confirmBody}>
        The sections you choose change to read like this version, for everyone, right away. Sections you leave out keep
        everything done since. Nothing is lost: the current state stays in the history.
      </p>
      {diff.status === 'loading' ? (
        <div className={classes.skeletons} aria-busy="true" aria-label="Working out what would change">
          <Skeleton height={18} width="60%" />
          <Skeleton height={60} radius="md" />
        </div>
      ) : diff.status === 'error' ? (
        <ErrorState
          compact
          title="What would change could not be worked out"
          message={diff.error.message}
          onRetry={diff.reload}
        />
      ) : effects.length === 0 ? (
        <p className={classes.hint} data-testid="restore-nothing">
          Nothing to restore: the plan reads exactly like this version.
        </p>
      ) : (
        <fieldset className={classes.restoreSections}>
          <legend className={classes.restoreLegend}>Sections to restore</legend>
          {effects.map((e) => {
            const on = !left.has(e.section);
            return (
              <div key={e.section} className={classes.restoreSection} data-testid={`restore-section-${e.section}`}>
                <Checkbox
                  label={capitalise(e.label)}
                  checked={on}
                  onChange={(ev) => toggle(e.section, ev.currentTarget.checked)}
                  data-testid={`restore-choose-${e.section}`}
                />
                {on ? (
                  <ul className={classes.restoreEffects}>
                    {e.removes.slice(0, MAX_LINES).map((line, i) => (
                      <li key={`r${i}`} data-kind="removes">
                        <strong>Removes</strong> {line}
                      </li>
                    ))}
                    {e.removes.length > MAX_LINES ? (
                      <li data-kind="removes">…and {e.removes.length - MAX_LINES} more removed</li>
                    ) : null}
                    {e.changes.slice(0, MAX_LINES).map((line, i) => (
                      <li key={`c${i}`} data-kind="changes">
                        {line}
                      </li>
                    ))}
                    {e.changes.length > MAX_LINES ? (
                      <li data-kind="changes">…and {e.changes.length - MAX_LINES} more changes</li>
                    ) : null}
                  </ul>
                ) : (
                  <p className={classes.hint}>Left as it is now.</p>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      <Group gap="xs" justify="flex-end">
        <Button size="xs" variant="default" onClick={onCancel} data-autofocus disabled={busy}>
          Cancel
        </Button>
        <Button
          size="xs"
          color="red"
          loading={busy}
          disabled={diff.status !== 'ok' || chosen.length === 0}
          onClick={() => onRestore(whole ? null : chosen.map((e) => e.section))}
          data-testid="history-confirm-ok"
        >
          {whole
            ? 'Restore for everyone'
            : `Restore ${chosen.length === 1 ? capitalise(chosen[0].label) : `${chosen.length} sections`} for everyone`}
        </Button>
      </Group>
    </div>
  );
}
