/** Words and chip colours for project statuses, and the reason a project's controls are disabled. */
import type { ProjectStatus } from '../../../../shared/schema.ts';

export const PROJECT_STATUS_LABEL: Readonly<Record<ProjectStatus, string>> = {
  planned: 'Planned',
  active: 'Active',
  on_hold: 'On hold',
  done: 'Done',
};

/** Mantine colours for the status badge; the label is always printed too (never colour alone). */
export const PROJECT_STATUS_COLOR: Readonly<Record<ProjectStatus, string>> = {
  planned: 'gray',
  active: 'green',
  on_hold: 'yellow',
  done: 'ink',
};

export function notYourProjectReason(creatorName: string): string {
  return `Only ${creatorName} or an admin can change this project`;
}
