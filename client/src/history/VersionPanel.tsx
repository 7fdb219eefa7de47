/**
 * One version in the history panel: read-only ("view") or compared with the live plan or any
 * other version ("compare"), with what the user may do with it — compare, sign for their
 * company, restore it (or some of its sections) for everyone, download it as Markdown or open it
 * for printing.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Group, SegmentedControl, Select, Skeleton } from '@mantine/core';
import { IconArrowLeft, IconArrowBackUp, IconDownload, IconPrinter, IconSignature } from '@tabler/icons-react';
import { restoredSectionsPhrase, type RestorableSection } from '../../../shared/planDiff.ts';
import { readObjectives } from '../../../shared/schema.ts';
import { ApiError } from '../api/http.ts';
import { paths } from '../lib/router.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { usePlan } from '../plan/PlanContext.tsx';
import { ErrorState } from '../ui/StateViews.tsx';
import {
  getVersion,
  getVersionDiff,
  listVersions,
  markdownUrl,
  restoreVersion,
  signVersion,
  type Version,
  type VersionDiff,
} from './api.ts';
import { DiffView, type DiffNames } from './DiffView.tsx';
import { useHistoryUi } from './HistoryContext.tsx';
import { versionTitle } from './labels.ts';
import { PlanDocument } from './PlanDocument.tsx';
import { RestoreConfirm } from './RestoreConfirm.tsx';
import { SignedBadges } from './SignedBadges.tsx';
import { useDocSettled } from './useDocSettled.ts';
import { serverReachable } from './useAgreement.ts';
import { versionMeta } from './VersionList.tsx';
import classes from './History.module.css';

type Confirm = 'sign' | 'restore' | null;

export function VersionPanel({
  versionId,
  mode,
  against = 'current',
}: {
  versionId: string;
  mode: 'version' | 'compare';
  against?: string;
}) {
  const { rel, doc, people, me, provider } = usePlan();
  const ui = useHistoryUi();
  const detail = useAsync((signal) => getVersion(rel.id, versionId, signal), `${rel.id}:${versionId}`);
  // The comparison follows the live plan: re-read shortly after anyone's edit settles.
  const settled = useDocSettled(doc, 1200, () => serverReachable(provider));
  const [confirm, setConfirm] = useState<Confirm>(null);
  const versions = useAsync((signal) => listVersions(rel.id, signal), rel.id);
  const other = versions.status === 'ok' ? versions.data.find((v) => v.id === against) : undefined;
  // Two versions read oldest first, whichever was opened: "what changed from A to B".
  const opened = versions.status === 'ok' ? versions.data.find((v) => v.id === versionId) : undefined;
  const backwards = !!other && !!opened && other.at < opened.at;
  const [from, to] = against === 'current' || !backwards ? [versionId, against] : [against, versionId];
  const compare = useLiveDiff(rel.id, from, mode === 'compare', settled, to);
  const restoreDiff = useLiveDiff(rel.id, versionId, confirm === 'restore', settled, 'current');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The row that opened this view is gone: keep keyboard focus in the panel, on the way back.
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body || !document.activeElement?.isConnected) backRef.current?.focus();
  }, []);

  const names = useMemo<DiffNames>(() => {
    const titles = new Map(readObjectives(doc).map((o) => [o.id, o.title]));
    return { person: (id) => people.name(id, 'someone'), objective: (id) => titles.get(id) ?? 'a removed objective' };
  }, [doc, people]);

  const version: Version | null = detail.status === 'ok' ? detail.data.version : null;
  const myParty = rel.parties.find((p) => p.id === me.companyId);
  const signedByMe = !!ui.agreement?.signatures.some((s) => s.companyId === me.companyId && s.versionId === versionId);
  const signable = version !== null && version.name !== null;

  const act = async (what: 'sign' | 'restore', sections: RestorableSection[] | null = null) => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'sign') {
        await signVersion(rel.id, versionId);
        setDone(`Signed for ${myParty?.name ?? 'your company'}.`);
      } else {
        await restoreVersion(rel.id, versionId, sections ?? undefined);
        setDone(
          sections
            ? `Restored ${restoredSectionsPhrase(sections)}. Everyone in the plan sees it now and is told; the other sections keep their later work, and the restore is kept as a new version.`
            : 'Restored. Everyone in the plan now sees this version’s content and is told; the restore is kept as a new version.',
        );
      }
      setConfirm(null);
      ui.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={classes.panel} data-testid="version-panel" data-version={versionId} data-mode={mode}>
      <Button
        ref={backRef}
        variant="subtle"
        color="ink"
        size="compact-sm"
        leftSection={<IconArrowLeft size={16} />}
        onClick={() => ui.show({ kind: 'list' })}
        className={classes.back}
      >
        All versions
      </Button>
      {detail.status === 'loading' ? (
        <div className={classes.skeletons} aria-busy="true" aria-label="Loading version">
          <Skeleton height={28} width="60%" />
          <Skeleton height={16} width="80%" />
          <Skeleton height={160} radius="md" />
        </div>
      ) : detail.status === 'error' ? (
        <ErrorState
          compact
          title="This version could not be loaded"
          message={detail.error.message}
          onRetry={detail.reload}
        />
      ) : (
        <>
          <header className={classes.versionHeader}>
            <h3 className={classes.versionTitle} data-testid="version-title">
              {versionTitle(detail.data.version)}
            </h3>
            <p className={classes.versionMeta}>{versionMeta(detail.data.version)}</p>
            <SignedBadges versionId={versionId} />
          </header>

          <SegmentedControl
            value={mode}
            onChange={(v) =>
              ui.show(
                v === 'compare' ? { kind: 'compare', id: versionId, against } : { kind: 'version', id: versionId },
              )
            }
            data={[
              { value: 'version', label: 'This version' },
              { value: 'compare', label: 'Compare' },
            ]}
            fullWidth
            className={classes.modeSwitch}
            aria-label="Show"
            data-testid="version-mode"
          />

          <Group gap="xs" className={classes.versionActions}>
            {ui.canSign && signable && !signedByMe ? (
              <Button
                size="xs"
                leftSection={<IconSignature size={15} />}
                onClick={() => setConfirm('sign')}
                data-testid="version-sign"
                disabled={busy}
              >
                Sign for {myParty?.name ?? 'your company'}
              </Button>
            ) : null}
            {ui.canRestore ? (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconArrowBackUp size={15} />}
                onClick={() => setConfirm('restore')}
                data-testid="version-restore"
                disabled={busy}
              >
                Restore
              </Button>
            ) : null}
            <Button
              size="xs"
              variant="default"
              component="a"
              href={markdownUrl(rel.id, versionId)}
              download
              leftSection={<IconDownload size={15} />}
              data-testid="version-markdown"
            >
              Markdown
            </Button>
            <Button
              size="xs"
              variant="default"
              component="a"
              href={paths.print(rel.id, versionId)}
              target="_blank"
              rel="noopener"
              leftSection={<IconPrinter size={15} />}
              data-testid="version-print"
            >
              Print
            </Button>
          </Group>
          {ui.canSign && !signable ? (
            <p className={classes.hint}>
              Only named versions can be signed. Name the plan as it is now from the versions list to sign it.
            </p>
          ) : null}
          {signedByMe ? <p className={classes.hint}>You have signed this version for {myParty?.name}.</p> : null}

          {confirm === 'restore' ? (
            <RestoreConfirm
              title={versionTitle(detail.data.version)}
              diff={
                restoreDiff.status === 'ok'
                  ? restoreDiff
                  : restoreDiff.status === 'error'
                    ? { status: 'error', error: restoreDiff.error, reload: restoreDiff.reload }
                    : { status: 'loading' }
              }
              busy={busy}
              onCancel={() => setConfirm(null)}
              onRestore={(sections) => void act('restore', sections)}
            />
          ) : confirm ? (
            <div
              className={classes.confirm}
              role="alertdialog"
              aria-labelledby="history-confirm-title"
              aria-describedby="history-confirm-body"
              data-testid="history-confirm"
            >
              <p id="history-confirm-title" className={classes.confirmTitle}>
                Sign “{versionTitle(detail.data.version)}” for {myParty?.name}?
              </p>
              <p id="history-confirm-body" className={classes.confirmBody}>
                Your name and today’s date appear as {myParty?.name}’s agreement to this version. Signing another
                version later replaces it.
              </p>
              <Group gap="xs" justify="flex-end">
                <Button size="xs" variant="default" onClick={() => setConfirm(null)} data-autofocus disabled={busy}>
                  Cancel
                </Button>
                <Button size="xs" loading={busy} onClick={() => void act('sign')} data-testid="history-confirm-ok">
                  Sign
                </Button>
              </Group>
            </div>
          ) : null}
          {error ? (
            <Alert
              color="red"
              variant="light"
              role="alert"
              withCloseButton
              onClose={() => setError(null)}
              closeButtonLabel="Dismiss"
            >
              {error}
            </Alert>
          ) : null}
          {done ? (
            <Alert
              color="green"
              variant="light"
              role="status"
              data-testid="history-done"
              withCloseButton
              onClose={() => setDone(null)}
              closeButtonLabel="Dismiss"
            >
              {done}
            </Alert>
          ) : null}

          {mode === 'version' ? (
            <>
              <p className={classes.compareIntro}>Read-only: the plan exactly as it was in this version.</p>
              <PlanDocument
                plan={detail.data.plan}
                personName={(id) => people.name(id, 'someone')}
                idPrefix={`v-${versionId}`}
              />
            </>
          ) : (
            <>
              <Select
                label="Compare with"
                size="xs"
                value={against}
                onChange={(v) => v && ui.show({ kind: 'compare', id: versionId, against: v })}
                allowDeselect={false}
                data={[
                  { value: 'current', label: 'The plan now' },
                  ...(versions.status === 'ok'
                    ? versions.data
                        .filter((v) => v.id !== versionId)
                        .map((v) => ({ value: v.id, label: `${versionTitle(v)} · ${versionMeta(v)}` }))
                    : []),
                ]}
                data-testid="compare-with"
                className={classes.compareWith}
              />
              {compare.status === 'ok' && compare.data ? (
                <>
                  <p className={classes.compareIntro} data-testid="compare-intro">
                    {against === 'current'
                      ? 'What changed from this version to the plan as it is now.'
                      : `What changed from “${versionTitle(compare.data.from)}” to “${compare.data.to === 'current' ? 'now' : versionTitle(compare.data.to)}”.`}
                  </p>
                  <DiffView diff={compare.data.diff} names={names} idPrefix={`d-${versionId}`} />
                </>
              ) : compare.status === 'error' ? (
                <ErrorState
                  compact
                  title="The comparison could not be loaded"
                  message={compare.error.message}
                  onRetry={compare.reload}
                />
              ) : (
                <div className={classes.skeletons} aria-busy="true" aria-label="Comparing">
                  <Skeleton height={18} width="50%" />
                  <Skeleton height={90} radius="md" />
                  <Skeleton height={90} radius="md" />
                </div>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}

type DiffState =
  | { status: 'loading'; data?: undefined }
  | { status: 'ok'; data: VersionDiff }
  | { status: 'error'; error: ApiError; data?: undefined };

/**
 * A version compared with `against` (now, or another version), re-read whenever `tick` moves (the
 * doc settled after an edit). The last comparison of the same pair stays on screen while the next
 * one loads, so a remote edit never blanks it; another pair starts from loading.
 */
function useLiveDiff(
  relId: string,
  versionId: string,
  enabled: boolean,
  tick: number,
  against: string,
): DiffState & { reload: () => void } {
  const pair = `${versionId}|${against}`;
  const [state, setState] = useState<DiffState & { pair: string }>({ status: 'loading', pair });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const ac = new AbortController();
    getVersionDiff(relId, versionId, ac.signal, against).then(
      (data) => !ac.signal.aborted && setState({ status: 'ok', data, pair }),
      (err: unknown) => {
        if (ac.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
        setState((s) => (s.status === 'ok' && s.pair === pair ? s : { status: 'error', error, pair }));
      },
    );
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `pair` is made of versionId and against, both listed
  }, [relId, versionId, enabled, tick, attempt, against]);
  const reload = () => setAttempt((a) => a + 1);
  if (state.pair !== pair) return { status: 'loading', reload };
  return { ...state, reload };
}
