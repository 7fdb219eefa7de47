import type { ParticipantRole } from '../api/types.ts';

export function roleLabel(role: ParticipantRole): string {
  return role === 'admin' ? 'Admin' : role === 'member' ? 'Member' : 'Viewer';
}

/** Why someone cannot edit, in words (read-only states say who and why). */
export function viewerReason(): string {
  return 'You are a viewer in this relationship: you can follow the plan but not change it.';
}
