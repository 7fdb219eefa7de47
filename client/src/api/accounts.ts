/** REST calls of CONTRACT 8 (docs/api.md): invitations, people, relationships between companies, passwords. */
import { api } from './http.ts';
import type {
  CompanyRole,
  CompanyUser,
  IncomingRelationshipInvitation,
  InvitationInfo,
  InvitationLink,
  Me,
  PendingInvitation,
  RelationshipView,
} from '../../../shared/apiTypes.ts';

const enc = encodeURIComponent;

export const getInvitation = (token: string, signal?: AbortSignal) =>
  api<InvitationInfo>(`/api/invitations/${enc(token)}`, { signal });
export const acceptInvitation = (token: string, body: { name: string; password: string; companyName?: string }) =>
  api<{ user: Me }>(`/api/invitations/${enc(token)}/accept`, { method: 'POST', body });
export const acceptInvitationSignedIn = (token: string) =>
  api<RelationshipView>(`/api/invitations/${enc(token)}/accept-signed-in`, { method: 'POST' });

export const inviteToCompany = (companyId: string, email: string, role: CompanyRole) =>
  api<InvitationLink>(`/api/companies/${enc(companyId)}/invitations`, { method: 'POST', body: { email, role } });
export const listInvitations = (companyId: string, signal?: AbortSignal) =>
  api<PendingInvitation[]>(`/api/companies/${enc(companyId)}/invitations`, { signal });
export const revokeInvitation = (companyId: string, id: string) =>
  api<void>(`/api/companies/${enc(companyId)}/invitations/${enc(id)}`, { method: 'DELETE' });
export const resendInvitation = (companyId: string, id: string) =>
  api<InvitationLink>(`/api/companies/${enc(companyId)}/invitations/${enc(id)}/resend`, { method: 'POST' });

export const setCompanyRole = (companyId: string, userId: string, companyRole: CompanyRole) =>
  api<CompanyUser>(`/api/companies/${enc(companyId)}/users/${enc(userId)}`, { method: 'PUT', body: { companyRole } });
export const deactivatePerson = (companyId: string, userId: string) =>
  api<CompanyUser>(`/api/companies/${enc(companyId)}/users/${enc(userId)}/deactivate`, { method: 'POST' });
export const reactivatePerson = (companyId: string, userId: string) =>
  api<CompanyUser>(`/api/companies/${enc(companyId)}/users/${enc(userId)}/reactivate`, { method: 'POST' });
export const issueResetLink = (companyId: string, userId: string) =>
  api<InvitationLink>(`/api/companies/${enc(companyId)}/users/${enc(userId)}/reset-link`, { method: 'POST' });

export const startRelationship = (name: string, partnerEmail: string) =>
  api<{ id: string; invitation: { link: string; expiresAt: string; emailed: boolean } }>('/api/relationships', {
    method: 'POST',
    body: { name, partnerEmail },
  });
export const incomingInvitations = (signal?: AbortSignal) =>
  api<IncomingRelationshipInvitation[]>('/api/relationship-invitations', { signal });
export const acceptRelationship = (id: string) =>
  api<RelationshipView>(`/api/relationships/${enc(id)}/accept`, { method: 'POST' });
export const declineRelationship = (id: string) =>
  api<void>(`/api/relationships/${enc(id)}/decline`, { method: 'POST' });
export const updateRelationship = (id: string, change: { name?: string; archived?: boolean }) =>
  api<RelationshipView>(`/api/relationships/${enc(id)}`, { method: 'PATCH', body: change });

export const changePassword = (current: string, next: string) =>
  api<void>('/api/me/password', { method: 'POST', body: { current, next } });
export const requestReset = (email: string) =>
  api<{ accepted: true }>('/api/auth/reset', { method: 'POST', body: { email } });
export const getReset = (token: string, signal?: AbortSignal) =>
  api<{ email: string; expiresAt: string }>(`/api/auth/reset/${enc(token)}`, { signal });
export const completeReset = (token: string, password: string) =>
  api<{ user: Me }>(`/api/auth/reset/${enc(token)}`, { method: 'POST', body: { password } });
