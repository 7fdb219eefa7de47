/**
 * Plan history over REST (docs/api.md, "Plan history, sign-off and export"): the shapes the
 * server answers and one typed call per route. The pure pieces (PlanDiff, PlanSnapshot) come from
 * shared/, so client and server read the same types.
 */
import type { Agreement, Version, VersionDetail, VersionDiff } from '../../../shared/apiTypes.ts';
import type { RestorableSection } from '../../../shared/planDiff.ts';
import { api } from '../api/http.ts';

export type {
  Agreement,
  PersonName,
  Signature,
  Version,
  VersionDetail,
  VersionDiff,
  VersionKind,
  VersionPlan,
} from '../../../shared/apiTypes.ts';

const base = (relId: string) => `/api/relationships/${encodeURIComponent(relId)}`;
const ver = (relId: string, versionId: string) => `${base(relId)}/versions/${encodeURIComponent(versionId)}`;

export const listVersions = (relId: string, signal?: AbortSignal) =>
  api<Version[]>(`${base(relId)}/versions`, { signal });
export const nameVersion = (relId: string, name: string) =>
  api<Version>(`${base(relId)}/versions`, { method: 'POST', body: { name } });
export const getVersion = (relId: string, versionId: string, signal?: AbortSignal) =>
  api<VersionDetail>(ver(relId, versionId), { signal });
/** What changed from `versionId` to `against`: the live plan, or another version. */
export const getVersionDiff = (relId: string, versionId: string, signal?: AbortSignal, against = 'current') =>
  api<VersionDiff>(`${ver(relId, versionId)}/diff?against=${encodeURIComponent(against)}`, { signal });
/** The whole plan, or only `sections`. */
export const restoreVersion = (relId: string, versionId: string, sections?: readonly RestorableSection[]) =>
  api<Version>(`${ver(relId, versionId)}/restore`, { method: 'POST', body: sections ? { sections } : {} });
export const signVersion = (relId: string, versionId: string) =>
  api<Agreement>(`${ver(relId, versionId)}/sign`, { method: 'POST', body: {} });
export const getAgreement = (relId: string, signal?: AbortSignal) =>
  api<Agreement>(`${base(relId)}/agreement`, { signal });

/** Download links: the server names the file (Content-Disposition), the browser saves it. */
export const markdownUrl = (relId: string, versionId: string /* a version id, or 'current' */) =>
  versionId === 'current' ? `${base(relId)}/export.md` : `${ver(relId, versionId)}/export.md`;
