/**
 * The client's names for the progress status. The rule itself lives in shared/progress.ts (pure,
 * unit-tested, documented there); this module only re-exports it for the objective views.
 */
export {
  PROGRESS_STATUS_LABEL as STATUS_LABEL,
  progressStatus as objectiveStatus,
  type ProgressStatus as ObjectiveStatus,
  type ProgressResult as StatusResult,
} from '../../../../shared/progress.ts';
