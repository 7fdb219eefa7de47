/**
 * The client's view of the permission table (CONTRACT 6), used to hide or disable what the
 * server would refuse. The rules themselves live in shared/policy.ts (pure, fail closed); this
 * module only adapts them to the client's types.
 *
 * Until shared/policy.ts lands, the same functions are implemented here with its names and
 * signatures; replace the bodies with a re-export when it does.
 */
import type { LockInfo, RichTextSection } from '../../../shared/schema.ts';
import type { ParticipantRole } from '../api/types.ts';

export interface Actor {
  userId: string;
  role: ParticipantRole;
}

type Locks = Readonly<Record<string, LockInfo | undefined>>;

const isRole = (r: unknown): r is ParticipantRole => r === 'admin' || r === 'member' || r === 'viewer';

export function canEditRichText(actor: Actor, section: RichTextSection, locks: Locks): boolean {
  if (!isRole(actor.role)) return false;
  if (actor.role === 'admin') return true;
  if (actor.role === 'member') return !locks[section];
  return false;
}

export const canEditMeta = (actor: Actor): boolean => actor.role === 'admin';
export const canEditObjectives = (actor: Actor): boolean => actor.role === 'admin';
export const canAddProgress = (actor: Actor): boolean => actor.role === 'admin' || actor.role === 'member';
export const canCreateProject = (actor: Actor): boolean => actor.role === 'admin' || actor.role === 'member';
export const canEditProject = (actor: Actor, project: { createdBy: string }): boolean =>
  actor.role === 'admin' || (actor.role === 'member' && project.createdBy === actor.userId);
export const canEditActivities = (actor: Actor): boolean => actor.role === 'admin' || actor.role === 'member';
