/**
 * The live plan: opens the connection, provides the PlanContext and lays out the sections.
 * Everything bound to the Y.Doc sits under `key={generation}` so a reset (refused change)
 * rebuilds editors and observers against the fresh doc.
 */
import { memo, Profiler, useEffect, useMemo, type ComponentType, type ReactNode } from 'react';
import { Alert, CloseButton } from '@mantine/core';
import { IconAlertTriangle, IconCloudOff, IconEye } from '@tabler/icons-react';
import { LOCKABLE_SECTIONS } from '../../../shared/schema.ts';
import type { Relationship, TeamMember } from '../api/types.ts';
import { useMe, useSession } from '../auth/session.tsx';
import { usePresence } from '../presence/usePresence.ts';
import { useFollow } from '../presence/useFollow.ts';
import { FollowBar } from '../presence/FollowBar.tsx';
import { usePlanConnection, useConnectionSnapshot } from '../sync/usePlanConnection.ts';
import { closeActionNotice, refusalLoopNotice } from '../sync/messages.ts';
import { EmptyState } from '../ui/StateViews.tsx';
import {
  PlanContext,
  PlanPresenceContext,
  usePlan,
  usePlanPresence,
  type PlanContextValue,
  type PlanPresenceValue,
} from './PlanContext.tsx';
import { useUndoScope } from './useUndoableDelete.tsx';
import { PlanHeader } from './PlanHeader.tsx';
import { PlanSkeleton } from './PlanSkeleton.tsx';
import { buildDirectory, presentUsersFromKey, presentUsersKey } from './people.ts';
import { RichTextSection } from './RichTextSection.tsx';
import { recordRender } from '../lib/renderProbe.ts';
import { SECTIONS } from './sections.ts';
import { SectionNav, useSectionFromAddress } from './SectionNav.tsx';
import { useLocks, usePlanTitle } from './useDoc.ts';
import { useSectionTracking } from './useSectionTracking.ts';
import { ObjectivesSection } from './objectives/ObjectivesSection.tsx';
import { AccountPlanProjectSection } from './projects/AccountPlanProjectSection.tsx';
import { ProjectsSection } from './projects/ProjectsSection.tsx';
import { AlignmentSection } from './alignment/AlignmentSection.tsx';
import { HistoryProvider } from '../history/HistoryContext.tsx';
import { PlanActions } from '../history/PlanActions.tsx';
import { AgreementBanner } from '../history/AgreementBanner.tsx';
import { CommentsProvider } from '../comments/CommentsContext.tsx';
import { CommentsPanel } from '../comments/CommentsPanel.tsx';
import { CommentsButton, InboxButton } from '../comments/Inbox.tsx';
import classes from './PlanPage.module.css';

const SECTION_IDS = SECTIONS.map((s) => s.id);
const byId = (id: string) => SECTIONS.find((s) => s.id === id)!;

/**
 * A section that renders only for its own reasons (its data in the doc, the plan context, its own
 * state): its props are constants, so a re-render of the plan around it (connection state, the
 * reader's scroll position, presence) stops here. The Profiler lets the render-count test see it.
 */
function isolated<P extends object>(id: string, Section: ComponentType<P>): ComponentType<P> {
  const Isolated = memo(function Isolated(props: P) {
    return (
      <Profiler id={id} onRender={recordRender}>
        <Section {...props} />
      </Profiler>
    );
  });
  Isolated.displayName = `Isolated(${id})`;
  return Isolated;
}

const VisionSection = isolated('vision', RichTextSection);
const PrinciplesSection = isolated('principles', RichTextSection);
const BehavioursSection = isolated('behaviours', RichTextSection);
const Objectives = isolated('objectives', ObjectivesSection);
const AccountPlanProject = isolated('account-plan-project', AccountPlanProjectSection);
const Projects = isolated('projects', ProjectsSection);
const Alignment = isolated('alignment', AlignmentSection);

export function LivePlan({
  rel,
  team,
  onRefused,
}: {
  rel: Relationship;
  team: TeamMember[] | null;
  onRefused?: () => void;
}) {
  const me = useMe();
  const { sessionEnded } = useSession();
  const conn = usePlanConnection(rel.id, me, true, sessionEnded);
  const snap = useConnectionSnapshot(conn);
  const present = usePresence(conn && snap.generation >= 0 ? conn.provider.awareness : null, me.id);
  const current = useSectionTracking(conn, snap.ready, SECTION_IDS);

  const live = conn && snap.generation >= 0;
  const followMode = useFollow(
    present,
    live ? conn.provider.awareness : null,
    live ? conn.doc : null,
    snap.status === 'live',
  );

  // Rebuilt when someone arrives or leaves, not when someone moves between sections.
  const usersKey = presentUsersKey(present.map((p) => p.user));
  const people = useMemo(() => buildDirectory(me, team, presentUsersFromKey(usersKey)), [me, team, usersKey]);

  // A refused change may mean our role changed or we left the team: re-read who we are here.
  const noticeId = snap.notice?.id;
  useEffect(() => {
    if (noticeId !== undefined) onRefused?.();
  }, [noticeId, onRefused]);
  const selfColor = team?.find((t) => t.userId === me.id)?.color ?? me.color;
  const self = useMemo(
    () => ({ id: me.id, name: me.name, color: selfColor, companyId: me.companyId, companyName: me.companyName }),
    [me.id, me.name, selfColor, me.companyId, me.companyName],
  );
  useEffect(() => {
    if (conn && snap.generation >= 0) conn.setUser(self);
  }, [conn, snap.generation, self]);

  // The open plan's doc on `window.charter`, for support sessions and the e2e suite ("a change
  // forced from the console"). It grants nothing: the server checks every update.
  useEffect(() => {
    if (!conn || snap.generation < 0) return;
    (window as unknown as { charter?: unknown }).charter = {
      doc: conn.doc,
      awareness: conn.provider.awareness,
      relationshipId: rel.id,
    };
    return () => {
      delete (window as unknown as { charter?: unknown }).charter;
    };
  }, [conn, snap.generation, rel.id]);

  // Archived: read-only for everyone, as the server enforces on the socket.
  const actorRole = rel.archived ? 'viewer' : rel.myRole;
  const ctx = useMemo<PlanContextValue | null>(
    () =>
      conn
        ? {
            conn,
            doc: conn.doc,
            provider: conn.provider,
            rel,
            me,
            self,
            actor: { userId: me.id, role: actorRole, companyId: me.companyId, archived: Boolean(rel.archived) },
            people,
          }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the doc and provider are replaced only with a new generation (a reset), which is listed
    [conn, snap.generation, rel, me, self, actorRole, people],
  );
  const following = followMode.person?.user.id ?? null;
  const presence = useMemo<PlanPresenceValue>(
    () => ({ present, follow: followMode.toggle, following }),
    [present, followMode.toggle, following],
  );

  if (!conn || !ctx || !snap.ready) {
    if (snap.status === 'offline')
      return (
        <EmptyState icon={<IconCloudOff size={22} stroke={1.7} />} title="You are offline">
          This plan has not been opened on this device before, so there is no copy to show. It opens as soon as you are
          back online.
        </EmptyState>
      );
    return <PlanSkeleton />;
  }

  const notice = snap.notice
    ? snap.notice.stopped
      ? refusalLoopNotice(snap.notice.section)
      : closeActionNotice(snap.notice.action, snap.notice.section)
    : null;

  return (
    <PlanContext.Provider value={ctx}>
      <PlanPresenceContext.Provider value={presence}>
        {/* Fixed at the bottom, but first in tab order: Shift+Tab from the avatars reaches "Stop following". */}
        <FollowBar
          person={followMode.person}
          ownerCompanyId={rel.ownerCompanyId}
          notice={followMode.notice}
          onStop={() => followMode.stop('button')}
        />
        <PlanBody key={snap.generation} current={current} team={team}>
          {notice ? (
            <Alert
              className={classes.banner}
              color="yellow"
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              title={notice.title}
              role="alert"
              data-testid="plan-notice"
              withCloseButton={false}
            >
              <div style={{ display: 'flex', alignItems: 'flex-start', gap: 12, justifyContent: 'space-between' }}>
                <span>{notice.message}</span>
                <CloseButton aria-label="Dismiss" onClick={() => conn.dismissNotice()} size="sm" />
              </div>
            </Alert>
          ) : null}
          {rel.archived ? (
            <Alert
              className={classes.banner}
              color="gray"
              variant="light"
              icon={<IconEye size={18} />}
              data-testid="archived-banner"
            >
              This relationship is archived: the plan is read-only for everyone. You can still read, compare and export
              it; a Company Admin of the owner company can unarchive it.
            </Alert>
          ) : rel.myRole === 'viewer' ? (
            <Alert
              className={classes.banner}
              color="gray"
              variant="light"
              icon={<IconEye size={18} />}
              data-testid="viewer-banner"
            >
              You are a viewer in this relationship: you can follow the plan live, but not change it. A Company Admin
              can change your role.
            </Alert>
          ) : null}
        </PlanBody>
      </PlanPresenceContext.Provider>
    </PlanContext.Provider>
  );
}

function PlanBody({
  current,
  team,
  children,
}: {
  current: string | null;
  team: TeamMember[] | null;
  children: ReactNode;
}) {
  const { doc, rel } = usePlan();
  const { present, follow, following } = usePlanPresence();
  useUndoScope(doc);
  useSectionFromAddress(SECTIONS);
  const title = usePlanTitle(doc);
  const locks = useLocks(doc);
  const locked = useMemo(() => new Set(LOCKABLE_SECTIONS.filter((s) => locks[s])), [locks]);
  return (
    <HistoryProvider>
      <CommentsProvider team={team}>
        <PlanHeader
          rel={rel}
          title={title}
          present={present}
          onFollow={follow}
          following={following}
          actions={
            <>
              <CommentsButton />
              <InboxButton />
              <PlanActions />
            </>
          }
        />
        <CommentsPanel />
        <AgreementBanner />
        <SectionNav sections={SECTIONS} current={current} present={present} locked={locked} />
        <div className={classes.content}>
          {children}
          <VisionSection def={byId('vision')} section="vision" hero />
          <Objectives def={byId('objectives')} />
          <AccountPlanProject def={byId('account-plan-project')} />
          <Projects def={byId('projects')} />
          <div className={classes.pair}>
            <PrinciplesSection def={byId('principles')} section="principles" />
            <BehavioursSection def={byId('behaviours')} section="behaviours" />
          </div>
          <Alignment def={byId('alignment')} />
        </div>
      </CommentsProvider>
    </HistoryProvider>
  );
}
