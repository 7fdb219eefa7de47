/**
 * One version in the history panel: read-only ("view") or compared with the live plan
 * ("compare"), with what the user may do with it — compare, sign for their company, restore it
 * for everyone, download it as Markdown or open it for printing.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Group, SegmentedControl, Skeleton } from '@mantine/core';
import { IconArrowLeft, IconArrowBackUp, IconDownload, IconPrinter, IconSignature } from '@tabler/icons-react';
import { readObjectives } from '../../../shared/schema.ts';
import { ApiError } from '../api/http.ts';
import { paths } from '../lib/router.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { usePlan } from '../plan/PlanContext.tsx';
import { ErrorState } from '../ui/StateViews.tsx';
import { getVersion, getVersionDiff, markdownUrl, restoreVersion, signVersion, type Version, type VersionDiff } from './api.ts';
import { DiffView, type DiffNames } from './DiffView.tsx';
import { useHistoryUi } from './HistoryContext.tsx';
import { versionTitle } from './labels.ts';
import { PlanDocument } from './PlanDocument.tsx';
import { SignedBadges } from './SignedBadges.tsx';
import { useDocSettled } from './useDocSettled.ts';
import { serverReachable } from './useAgreement.ts';
import { versionMeta } from './VersionList.tsx';
import classes from './History.module.css';

type Confirm = 'sign' | 'restore' | null;

export function VersionPanel({ versionId, mode }: { versionId: string; mode: 'version' | 'compare' }) {
  const { rel, doc, people, me, provider } = usePlan();
  const ui = useHistoryUi();
  const detail = useAsync((signal) => getVersion(rel.id, versionId, signal), `${rel.id}:${versionId}`);
  // The comparison follows the live plan: re-read shortly after anyone's edit settles.
  const settled = useDocSettled(doc, 1200, () => serverReachable(provider));
  const compare = useLiveDiff(rel.id, versionId, mode === 'compare', settled);
  const [confirm, setConfirm] = useState<Confirm>(null);
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

  const act = async (what: 'sign' | 'restore') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'sign') {
        await signVersion(rel.id, versionId);
        setDone(`Signed for ${myParty?.name ?? 'your company'}.`);
      } else {
        await restoreVersion(rel.id, versionId);
        setDone('Restored. Everyone in the plan now sees this version’s content; the restore is kept as a new version.');
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
      <Button ref={backRef} variant="subtle" color="ink" size="compact-sm" leftSection={<IconArrowLeft size={16} />} onClick={() => ui.show({ kind: 'list' })} className={classes.back}>
        All versions
      </Button>
      {detail.status === 'loading' ? (
        <div className={classes.skeletons} aria-busy="true" aria-label="Loading version">
          <Skeleton height={28} width="60%" />
          <Skeleton height={16} width="80%" />
          <Skeleton height={160} radius="md" />
        </div>
      ) : detail.status === 'error' ? (
        <ErrorState compact title="This version could not be loaded" message={detail.error.message} onRetry={detail.reload} />
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
            onChange={(v) => ui.show({ kind: v as 'version' | 'compare', id: versionId })}
            data={[
              { value: 'version', label: 'This version' },
              { value: 'compare', label: 'Compare with now' },
            ]}
            fullWidth
            className={classes.modeSwitch}
            aria-label="Show"
            data-testid="version-mode"
          />

          <Group gap="xs" className={classes.versionActions}>
            {ui.canSign && signable && !signedByMe ? (
              <Button size="xs" leftSection={<IconSignature size={15} />} onClick={() => setConfirm('sign')} data-testid="version-sign" disabled={busy}>
                Sign for {myParty?.name ?? 'your company'}
              </Button>
            ) : null}
            {ui.canRestore ? (
              <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={15} />} onClick={() => setConfirm('restore')} data-testid="version-restore" disabled={busy}>
                Restore
              </Button>
            ) : null}
            <Button size="xs" variant="default" component="a" href={markdownUrl(rel.id, versionId)} download leftSection={<IconDownload size={15} />} data-testid="version-markdown">
              Markdown
            </Button>
            <Button size="xs" variant="default" component="a" href={paths.print(rel.id, versionId)} target="_blank" rel="noopener" leftSection={<IconPrinter size={15} />} data-testid="version-print">
              Print
            </Button>
          </Group>
          {ui.canSign && !signable ? <p className={classes.hint}>Only named versions can be signed. Name the plan as it is now from the versions list to sign it.</p> : null}
          {signedByMe ? <p className={classes.hint}>You have signed this version for {myParty?.name}.</p> : null}

          {confirm ? (
            <div className={classes.confirm} role="alertdialog" aria-labelledby="history-confirm-title" aria-describedby="history-confirm-body" data-testid="history-confirm">
              <p id="history-confirm-title" className={classes.confirmTitle}>
                {confirm === 'sign' ? `Sign “${versionTitle(detail.data.version)}” for ${myParty?.name}?` : `Restore “${versionTitle(detail.data.version)}”?`}
              </p>
              <p id="history-confirm-body" className={classes.confirmBody}>
                {confirm === 'sign'
                  ? `Your name and today’s date appear as ${myParty?.name}’s agreement to this version. Signing another version later replaces it.`
                  : 'The plan changes to read like this version, for everyone, right away. Nothing is lost: the current state stays in the history, and the restore is saved as a new version.'}
              </p>
              <Group gap="xs" justify="flex-end">
                <Button size="xs" variant="default" onClick={() => setConfirm(null)} data-autofocus disabled={busy}>
                  Cancel
                </Button>
                <Button size="xs" color={confirm === 'restore' ? 'red' : undefined} loading={busy} onClick={() => void act(confirm)} data-testid="history-confirm-ok">
                  {confirm === 'sign' ? 'Sign' : 'Restore for everyone'}
                </Button>
              </Group>
            </div>
          ) : null}
          {error ? (
            <Alert color="red" variant="light" role="alert" withCloseButton onClose={() => setError(null)} closeButtonLabel="Dismiss">
              {error}
            </Alert>
          ) : null}
          {done ? (
            <Alert color="green" variant="light" role="status" data-testid="history-done" withCloseButton onClose={() => setDone(null)} closeButtonLabel="Dismiss">
              {done}
            </Alert>
          ) : null}

          {mode === 'version' ? (
            <>
              <p className={classes.compareIntro}>Read-only: the plan exactly as it was in this version.</p>
              <PlanDocument plan={detail.data.plan} personName={(id) => people.name(id, 'someone')} idPrefix={`v-${versionId}`} />
            </>
          ) : compare.status === 'ok' && compare.data ? (
            <>
              <p className={classes.compareIntro}>What changed from this version to the plan as it is now.</p>
              <DiffView diff={compare.data.diff} names={names} idPrefix={`d-${versionId}`} />
            </>
          ) : compare.status === 'error' ? (
            <ErrorState compact title="The comparison could not be loaded" message={compare.error.message} onRetry={compare.reload} />
          ) : (
            <div className={classes.skeletons} aria-busy="true" aria-label="Comparing with now">
              <Skeleton height={18} width="50%" />
              <Skeleton height={90} radius="md" />
              <Skeleton height={90} radius="md" />
            </div>
          )}
        </>
      )}
    </div>
  );
}

type DiffState = { status: 'loading'; data?: undefined } | { status: 'ok'; data: VersionDiff } | { status: 'error'; error: ApiError; data?: undefined };

/**
 * The version compared with now, re-read whenever `tick` moves (the doc settled after an edit).
 * The last comparison stays on screen while the next one loads, so a remote edit never blanks it.
 */
function useLiveDiff(relId: string, versionId: string, enabled: boolean, tick: number): DiffState & { reload: () => void } {
  const [state, setState] = useState<DiffState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const ac = new AbortController();
    getVersionDiff(relId, versionId, ac.signal).then(
      (data) => !ac.signal.aborted && setState({ status: 'ok', data }),
      (err: unknown) => {
        if (ac.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
        setState((s) => (s.status === 'ok' ? s : { status: 'error', error }));
      },
    );
    return () => ac.abort();
  }, [relId, versionId, enabled, tick, attempt]);
  return { ...state, reload: () => setAttempt((a) => a + 1) };
}
