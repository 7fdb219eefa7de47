/**
 * A clean printable page of a plan version or of the live plan (`?version=current`):
 * /relationships/:id/print. No app chrome; a small toolbar (hidden in print) with the way back,
 * the Markdown download and "Print / Save as PDF", which calls window.print(). The print
 * stylesheet (print.css) gives A4 margins, page breaks between sections and no backgrounds.
 */
import { useEffect } from 'react';
import { Button, Skeleton } from '@mantine/core';
import { IconArrowLeft, IconDownload, IconPrinter } from '@tabler/icons-react';
import { formatWhen } from '../../../shared/markdown.ts';
import type { PlanSnapshot } from '../../../shared/planSnapshot.ts';
import { getRelationship, getTeam } from '../api/endpoints.ts';
import type { Relationship } from '../api/types.ts';
import { Link } from '../lib/Link.tsx';
import { paths } from '../lib/router.tsx';
import { useAsync } from '../lib/useAsync.ts';
import { ErrorState } from '../ui/StateViews.tsx';
import { PartyBadge } from '../ui/PartyBadge.tsx';
import { getAgreement, getVersion, markdownUrl, type Agreement, type Version } from '../history/api.ts';
import { describeAgreement, versionTitle } from '../history/labels.ts';
import { PlanDocument } from '../history/PlanDocument.tsx';
import { loadLivePlan } from './loadLivePlan.ts';
import classes from './PrintPage.module.css';
import './print.css';

interface PrintData {
  rel: Relationship;
  plan: PlanSnapshot;
  version: Version | null;
  agreement: Agreement | null;
  people: Record<string, string>;
}

async function loadPrintData(relationshipId: string, version: string, signal: AbortSignal): Promise<PrintData> {
  const [rel, team, agreement] = await Promise.all([
    getRelationship(relationshipId, signal),
    getTeam(relationshipId, signal).catch(() => null),
    getAgreement(relationshipId, signal).catch(() => null),
  ]);
  const people = Object.fromEntries((team ?? []).map((t) => [t.userId, t.name]));
  if (version === 'current')
    return { rel, plan: await loadLivePlan(relationshipId, signal), version: null, agreement, people };
  const detail = await getVersion(relationshipId, version, signal);
  return { rel, plan: detail.plan, version: detail.version, agreement, people };
}

export function PrintPage({ relationshipId, version }: { relationshipId: string; version: string }) {
  const data = useAsync((signal) => loadPrintData(relationshipId, version, signal), `${relationshipId}:${version}`);
  const title = data.status === 'ok' ? data.data.plan.title || data.data.rel.name : null;
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    // Browsers name the saved PDF after the document title.
    document.title = `${title}${data.status === 'ok' && data.data.version ? ` – ${versionTitle(data.data.version)}` : ''}`;
    return () => {
      document.title = before;
    };
  }, [title, data]);

  return (
    <div className={classes.page} data-print-page>
      <div className={`${classes.toolbar} ch-no-print`} role="toolbar" aria-label="Print">
        <Link to={paths.plan(relationshipId)} className={classes.back}>
          <IconArrowLeft size={16} aria-hidden /> Back<span className={classes.backLong}> to the plan</span>
        </Link>
        <div className={classes.toolbarActions}>
          <Button
            variant="default"
            size="sm"
            component="a"
            href={markdownUrl(relationshipId, version)}
            download
            leftSection={<IconDownload size={16} />}
            data-testid="print-markdown"
          >
            Markdown
          </Button>
          <Button
            size="sm"
            leftSection={<IconPrinter size={16} />}
            onClick={() => window.print()}
            disabled={data.status !== 'ok'}
            data-testid="print-button"
          >
            Print / Save as PDF
          </Button>
        </div>
      </div>
      {data.status === 'loading' ? (
        <article className={classes.sheet} aria-busy="true" aria-label="Preparing the printable plan">
          <Skeleton height={36} width="70%" mb="md" />
          <Skeleton height={16} width="45%" mb="xl" />
          <Skeleton height={120} mb="lg" />
          <Skeleton height={200} />
        </article>
      ) : data.status === 'error' ? (
        <div className={classes.sheet}>
          <ErrorState
            title={
              data.error.status === 404
                ? 'This version does not exist'
                : data.error.status === 403
                  ? 'You are not part of this relationship'
                  : 'The plan could not be prepared for printing'
            }
            message={data.error.message}
            onRetry={data.error.status === 404 || data.error.status === 403 ? undefined : data.reload}
          />
        </div>
      ) : (
        <PrintableDocument data={data.data} />
      )}
    </div>
  );
}

function PrintableDocument({ data }: { data: PrintData }) {
  const { rel, plan, version, agreement, people } = data;
  const owner = rel.parties.find((p) => p.id === rel.ownerCompanyId);
  const partner = rel.parties.find((p) => p.id !== rel.ownerCompanyId);
  const agreed = describeAgreement(agreement, rel.parties);
  const isAgreedVersion = agreed.kind === 'agreed' && version !== null && agreement?.versionId === version.id;
  const printedOn = formatWhen(new Date().toISOString());
  const which = version
    ? `Version “${versionTitle(version)}”, saved ${formatWhen(version.at, true)}`
    : `The live plan as of ${formatWhen(new Date().toISOString(), true)}`;
  return (
    <article className={classes.sheet} data-testid="print-document" aria-labelledby="print-title">
      <header className={classes.docHeader}>
        <p className={classes.kicker}>Account plan</p>
        <h1 id="print-title" className={classes.title}>
          {plan.title || rel.name}
        </h1>
        <div className={classes.parties}>
          {owner ? <PartyBadge name={owner.name} side="owner" showRole /> : null}
          <span aria-hidden className={classes.times}>
            ×
          </span>
          {partner ? <PartyBadge name={partner.name} side="partner" /> : null}
        </div>
        <p className={classes.which} data-testid="print-which">
          {which}
        </p>
        {isAgreedVersion && agreed.kind === 'agreed' ? (
          <p className={classes.agreed} data-testid="print-agreed">
            {agreed.text}
          </p>
        ) : null}
      </header>
      <PlanDocument
        plan={plan}
        personName={(id) => (id ? (people[id] ?? 'someone') : 'someone')}
        level={2}
        idPrefix="print"
      />
      <footer className={classes.footer}>
        Printed {printedOn} from Charter · {rel.name}
      </footer>
    </article>
  );
}
