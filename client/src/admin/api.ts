/** The admin section's REST calls (CONTRACT 4, docs/api.md: settings, configure, company users, team). */
import { api } from '../api/http.ts';
import type { ParticipantRole, TeamMember } from '../api/types.ts';
import type { AccountPlanSettings as SavedSettings, AccountPlanSettingsInput, CatalogObjectiveInput, CompanyUser } from '../../../shared/apiTypes.ts';

export type { CompanyUser };
/** The admin section edits settings as PUT takes them: a new objective has no id until saved. */
export type CatalogObjective = CatalogObjectiveInput;
export type AccountPlanSettings = AccountPlanSettingsInput;

const enc = encodeURIComponent;

export const getSettings = (companyId: string, signal?: AbortSignal) => api<SavedSettings>(`/api/companies/${enc(companyId)}/account-plan-settings`, { signal });
export const putSettings = (companyId: string, body: AccountPlanSettings) =>
  api<SavedSettings>(`/api/companies/${enc(companyId)}/account-plan-settings`, { method: 'PUT', body });
export const configurePlan = (relationshipId: string, objectiveIds: string[]) =>
  api<{ configured: true }>(`/api/relationships/${enc(relationshipId)}/plan`, { method: 'POST', body: { objectiveIds } });
export const getCompanyUsers = (companyId: string, signal?: AbortSignal) => api<CompanyUser[]>(`/api/companies/${enc(companyId)}/users`, { signal });
export const putTeamMember = (relationshipId: string, userId: string, role: ParticipantRole) =>
  api<TeamMember>(`/api/relationships/${enc(relationshipId)}/team/${enc(userId)}`, { method: 'PUT', body: { role } });
export const removeTeamMember = (relationshipId: string, userId: string) => api<void>(`/api/relationships/${enc(relationshipId)}/team/${enc(userId)}`, { method: 'DELETE' });
