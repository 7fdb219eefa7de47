/**
 * Versions newest first, each with its name (or "Automatic version"), when, who changed things and
 * whose signature it carries; plus "Name this version" for anyone who can edit the plan. A version
 * someone else captures appears while the list is open (the plan's event stream says so).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Skeleton, TextInput } from '@mantine/core';
import { IconBookmark, IconChevronRight, IconHistory } from '@tabler/icons-react';
import { PlanEvent } from '../../../shared/planEvents.ts';
import { ApiError } from '../api/http.ts';
import { formatMoment } from '../lib/time.ts';
import { useAsync } from '../lib/useAsync.ts';
import { usePlan } from '../plan/PlanContext.tsx';
import { EmptyState, ErrorState } from '../ui/StateViews.tsx';
import { listVersions, nameVersion, type Version } from './api.ts';
import { useHistoryUi } from './HistoryContext.tsx';
import { versionMetaLine, versionTitle } from './labels.ts';
import { SignedBadges } from './SignedBadges.tsx';
import classes from './History.module.css';

const NAME_MAX = 120;

export function VersionList() {
  const { rel } = usePlan();
  const ui = useHistoryUi();
  const versions = useAsync((signal) => listVersions(rel.id, signal), rel.id);
  const [justNamed, setJustNamed] = useState<string | null>(null);
  // `reload` keeps the list on screen while it refetches: a new row appears, nothing flashes.
  useEffect(() => ui.events.subscribe(PlanEvent.Versions, versions.reload), [ui.events, versions.reload]);
  // Back from a version, the button that was pressed is gone: focus the list's heading instead.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body) headingRef.current?.focus();
  }, []);

  return (
    <div className={classes.panel} data-testid="version-list">
      {ui.canName ? (
        <NameVersionForm
          onNamed={(v) => {
            setJustNamed(v.id);
            versions.reload();
          }}
        />
      ) : null}
      <h3 className={classes.listHeading} ref={headingRef} tabIndex={-1}>
        Versions, newest first
      </h3>
      {versions.status === 'loading' ? (
        <div className={classes.skeletons} aria-busy="true" aria-label="Loading versions">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={64} radius="md" />
          ))}
        </div>
      ) : versions.status === 'error' ? (
        <ErrorState
          compact
          title="Versions could not be loaded"
          message={versions.error.message}
          onRetry={versions.reload}
        />
      ) : versions.data.length === 0 ? (
        <EmptyState compact icon={<IconHistory size={22} stroke={1.7} />} title="No versions yet">
          A version is saved automatically when a burst of editing settles.
          {ui.canName ? ' You can also name the plan as it is now, above.' : ''}
        </EmptyState>
      ) : (
        <ol className={classes.versionList}>
          {versions.data.map((v) => (
            <li key={v.id}>
              <button
                type="button"
                className={classes.versionRow}
                data-testid={`version-${v.id}`}
                data-kind={v.kind}
                data-new={v.id === justNamed || undefined}
                onClick={() => ui.show({ kind: 'version', id: v.id })}
              >
                <span className={classes.versionMain}>
                  <span className={classes.versionName} data-auto={v.name === null || undefined}>
                    {versionTitle(v)}
                  </span>
                  <span className={classes.versionMeta}>{versionMeta(v)}</span>
                  <SignedBadges versionId={v.id} />
                </span>
                <span className={classes.kindTag}>
                  {v.kind === 'auto' ? 'Auto' : v.kind === 'restore' ? 'Restore' : 'Named'}
                </span>
                <IconChevronRight size={16} className={classes.rowChevron} aria-hidden />
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function versionMeta(v: Version): string {
  return versionMetaLine(v, formatMoment(v.at));
}

function NameVersionForm({ onNamed }: { onNamed: (v: Version) => void }) {
  const { rel } = usePlan();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const trimmed = name.trim();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!trimmed) {
      setError('Give the version a name, for example “Agreed at the Q3 workshop”.');
      return;
    }
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const v = await nameVersion(rel.id, trimmed);
      setName('');
      setSaved(v.name);
      onNamed(v);
    } catch (err) {
      // The typed name stays in the field, so a retry costs one click.
      setError(err instanceof ApiError ? err.message : 'The version could not be saved. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={classes.nameForm} onSubmit={submit} noValidate>
      <TextInput
        label="Name this version"
        description="Saves the plan as it is now under a name both sides will recognise."
        placeholder="Agreed at the Q3 workshop"
        value={name}
        maxLength={NAME_MAX}
        onChange={(e) => {
          setName(e.currentTarget.value);
          setError(null);
        }}
        error={error}
        data-testid="version-name-input"
        className={classes.nameInput}
      />
      <Button
        type="submit"
        loading={busy}
        leftSection={<IconBookmark size={16} />}
        data-testid="version-name-save"
        className={classes.nameButton}
      >
        Save version
      </Button>
      {saved ? (
        <Alert
          color="green"
          variant="light"
          className={classes.nameSaved}
          role="status"
          data-testid="version-name-saved"
        >
          Saved “{saved}”. Open it below to sign it or share it.
        </Alert>
      ) : null}
    </form>
  );
}
