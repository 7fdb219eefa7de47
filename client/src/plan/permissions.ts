/**
 * The client's view of the permission table (CONTRACT 6), used to hide or disable what the
 * server would refuse. The rules live in shared/policy.ts (pure, fail closed, the same code the
 * server's update inspector decides with); this module only gives the plan views one import.
 */
export {
  canAddProgress,
  canChangeProgress,
  canCreateProject,
  canDeleteProject,
  canEditActivities,
  canEditMeta,
  canEditObjectives,
  canEditProject,
  canEditRichText,
  canLockObjectives,
  canUnlockObjective,
  type Actor,
} from '../../../shared/policy.ts';
