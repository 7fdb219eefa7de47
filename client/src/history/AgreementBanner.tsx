/**
 * Under the plan header, for both parties: who agreed the plan ("Agreed by Acme Retail (Ada
 * Lovelace, 27 Nov 2026) and Globex Supply (Cara Jensen, 27 Nov 2026)"), or who signed and who is
 * awaited; and once the agreed plan has changed, which sections, with the way to see how.
 */
import { Button } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockHour4 } from '@tabler/icons-react';
import { usePlan } from '../plan/PlanContext.tsx';
import { useHistoryUi } from './HistoryContext.tsx';
import { describeAgreement, sectionList } from './labels.ts';
import classes from './History.module.css';

export function AgreementBanner() {
  const { rel } = usePlan();
  const ui = useHistoryUi();
  const a = ui.agreement;
  const state = describeAgreement(a, rel.parties);
  if (state.kind === 'none' || !a?.versionId) return null;
  const versionId = a.versionId;
  const drift = state.kind === 'agreed' ? state.drift : [];
  return (
    <div className={classes.bannerWrap}>
      <section
        className={classes.agreement}
        data-state={drift.length ? 'drift' : state.kind}
        aria-label="Agreement"
        data-testid="agreement-banner"
      >
        <div className={classes.agreementRow}>
          <span className={classes.agreementIcon} aria-hidden>
            {state.kind === 'agreed' ? <IconCircleCheck size={18} /> : <IconClockHour4 size={18} />}
          </span>
          <p className={classes.agreementText}>
            <span data-testid="agreement-text">{state.text}</span>
            {a.versionName ? <span className={classes.agreementVersion}> · version “{a.versionName}”</span> : null}
          </p>
          <Button
            variant="subtle"
            color="ink"
            size="compact-sm"
            onClick={() => ui.open({ kind: 'version', id: versionId })}
            data-testid="agreement-view"
          >
            View version
          </Button>
        </div>
        {drift.length ? (
          <div className={classes.driftRow} role="status" data-testid="drift-marker">
            <span className={classes.agreementIcon} aria-hidden>
              <IconAlertTriangle size={18} />
            </span>
            <p className={classes.agreementText}>
              <strong>Changed since agreement:</strong> <span data-testid="drift-sections">{sectionList(drift)}</span>
            </p>
            <Button
              variant="default"
              size="compact-sm"
              onClick={() => ui.open({ kind: 'compare', id: versionId })}
              data-testid="drift-see-changes"
            >
              See changes
            </Button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
