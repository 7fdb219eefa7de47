import { usePlan } from '../plan/PlanContext.tsx';
import { sideOf } from '../ui/sides.ts';
import { PartyBadge } from '../ui/PartyBadge.tsx';
import { useHistoryUi } from './HistoryContext.tsx';
import classes from './History.module.css';

/** The parties whose current signature is on this version, in their side colours, in words. */
export function SignedBadges({ versionId }: { versionId: string }) {
  const { rel } = usePlan();
  const { agreement } = useHistoryUi();
  const sigs = agreement?.signatures.filter((s) => s.versionId === versionId) ?? [];
  if (!sigs.length) return null;
  return (
    <span className={classes.signedBadges} data-testid={`signed-${versionId}`}>
      <span className={classes.signedLabel}>
        {agreement?.agreed && agreement.versionId === versionId ? 'Agreed by' : 'Signed by'}
      </span>
      {sigs.map((s) => (
        <PartyBadge key={s.companyId} name={s.companyName} side={sideOf(s.companyId, rel.ownerCompanyId)} size="sm" />
      ))}
    </span>
  );
}
