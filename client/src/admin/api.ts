/** The admin section's REST calls (CONTRACT 4, docs/api.md: settings, configure, company users, team). */
import { api, apiResponse, ApiError } from '../api/http.ts';
import type { ParticipantRole, TeamMember } from '../api/types.ts';
import type {
  AccountPlanSettings as SavedSettings,
  AccountPlanSettingsInput,
  CatalogObjectiveInput,
  CompanyUser,
} from '../../../shared/apiTypes.ts';

export type { CompanyUser };
/** The admin section edits settings as PUT takes them: a new objective has no id until saved. */
export type CatalogObjective = CatalogObjectiveInput;
export type AccountPlanSettings = AccountPlanSettingsInput;

const enc = encodeURIComponent;

/** Settings as stored, with the version (ETag) a save must name to be accepted. */
export interface VersionedSettings {
  settings: SavedSettings;
  version: string;
}

const settingsPath = (companyId: string) => `/api/companies/${enc(companyId)}/account-plan-settings`;

export async function getSettings(companyId: string, signal?: AbortSignal): Promise<VersionedSettings> {
  const r = await apiResponse<SavedSettings>(settingsPath(companyId), { signal });
  return { settings: r.body, version: r.headers.get('etag') ?? '' };
}

/** Someone saved the settings since `version`: nothing was written; `current` is what is stored now. */
export class SettingsChangedError extends Error {
  constructor(
    readonly current: VersionedSettings,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsChangedError';
  }
}

/** Saves over `version` only (If-Match); throws SettingsChangedError when someone saved since. */
export async function putSettings(
  companyId: string,
  body: AccountPlanSettings,
  version: string,
): Promise<VersionedSettings> {
  try {
    const r = await apiResponse<SavedSettings>(settingsPath(companyId), {
      method: 'PUT',
      body,
      headers: version ? { 'if-match': version } : {},
    });
    return { settings: r.body, version: r.headers.get('etag') ?? '' };
  } catch (err) {
    if (err instanceof ApiError && err.status === 409 && err.code === 'conflict') {
      const current = (err.body as { current?: SavedSettings } | undefined)?.current;
      if (current)
        throw new SettingsChangedError({ settings: current, version: err.headers?.get('etag') ?? '' }, err.message);
    }
    throw err;
  }
}
export const configurePlan = (relationshipId: string, objectiveIds: string[]) =>
  api<{ configured: true }>(`/api/relationships/${enc(relationshipId)}/plan`, {
    method: 'POST',
    body: { objectiveIds },
  });
export const getCompanyUsers = (companyId: string, signal?: AbortSignal) =>
  api<CompanyUser[]>(`/api/companies/${enc(companyId)}/users`, { signal });
export const putTeamMember = (relationshipId: string, userId: string, role: ParticipantRole) =>
  api<TeamMember>(`/api/relationships/${enc(relationshipId)}/team/${enc(userId)}`, { method: 'PUT', body: { role } });
export const removeTeamMember = (relationshipId: string, userId: string) =>
  api<void>(`/api/relationships/${enc(relationshipId)}/team/${enc(userId)}`, { method: 'DELETE' });
