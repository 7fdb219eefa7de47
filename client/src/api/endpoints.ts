/** Typed calls of the REST API (CONTRACT 4 + docs/api.md). */
import { api } from './http.ts';
import type { Me, PublicConfig, Relationship, TeamMember } from './types.ts';

export const getConfig = () => api<PublicConfig>('/api/config');
export const getMe = () => api<Me>('/api/me');
export const login = (email: string, password: string) =>
  api<{ user: Partial<Me> }>('/api/auth/login', { method: 'POST', body: { email, password } });
export const logout = () => api<void>('/api/auth/logout', { method: 'POST' });
export const listRelationships = (signal?: AbortSignal) => api<Relationship[]>('/api/relationships', { signal });
export const getRelationship = (id: string, signal?: AbortSignal) =>
  api<Relationship>(`/api/relationships/${encodeURIComponent(id)}`, { signal });
export const getTeam = (id: string, signal?: AbortSignal) =>
  api<TeamMember[]>(`/api/relationships/${encodeURIComponent(id)}/team`, { signal });
