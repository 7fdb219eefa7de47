/**
 * The objectives × projects matrix as data: which project serves which objective, the gaps
 * (objectives no project serves, projects that serve no objective) and each objective's progress
 * rolled up with the work linked to it. Pure.
 */
import { progressStatus, type ProgressResult } from '../../../../shared/progress.ts';
import type { Objective, ProgressEntry, Project } from '../../../../shared/schema.ts';

export interface AlignmentRow {
  objective: Objective;
  progress: ProgressResult;
  /** Projects linked to this objective, in column order. */
  projectIds: string[];
  /** Activities of the linked projects. */
  activitiesDone: number;
  activitiesTotal: number;
  gap: boolean;
}

export interface AlignmentColumn {
  project: Project;
  /** Linked objectives that still exist. */
  objectiveCount: number;
  gap: boolean;
}

export interface Alignment {
  rows: AlignmentRow[];
  columns: AlignmentColumn[];
  linked: (objectiveId: string, projectId: string) => boolean;
  objectiveGaps: number;
  projectGaps: number;
}

export function buildAlignment(
  objectives: readonly Objective[],
  projects: readonly Project[],
  progressOf: (id: string) => ProgressEntry[],
  now: Date,
): Alignment {
  const objectiveIds = new Set(objectives.map((o) => o.id));
  const links = new Set<string>();
  const key = (o: string, p: string) => `${o}\u0000${p}`;
  for (const p of projects) for (const o of p.objectiveIds) if (objectiveIds.has(o)) links.add(key(o, p.id));

  const columns = projects.map((project) => {
    const objectiveCount = new Set(project.objectiveIds.filter((o) => objectiveIds.has(o))).size;
    return { project, objectiveCount, gap: objectiveCount === 0 };
  });
  const rows = objectives.map((objective) => {
    const linkedProjects = projects.filter((p) => links.has(key(objective.id, p.id)));
    const acts = linkedProjects.flatMap((p) => p.activities);
    return {
      objective,
      progress: progressStatus(objective, progressOf(objective.id), now),
      projectIds: linkedProjects.map((p) => p.id),
      activitiesDone: acts.filter((a) => a.done).length,
      activitiesTotal: acts.length,
      gap: linkedProjects.length === 0,
    };
  });
  return {
    rows,
    columns,
    linked: (o, p) => links.has(key(o, p)),
    objectiveGaps: rows.filter((r) => r.gap).length,
    projectGaps: columns.filter((c) => c.gap).length,
  };
}
