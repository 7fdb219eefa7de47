/** Shapes of the REST API's answers (CONTRACT 4 and docs/api.md), as the client reads them. */

/** A person's role in one relationship (CONTRACT 2). */
export type ParticipantRole = 'admin' | 'member' | 'viewer';

/** The identity the server stamps on every awareness state (CONTRACT 6, `user`). */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
  companyId: string;
  companyName: string;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  companyId: string;
  companyRole: 'admin' | 'member';
  companyName: string;
  color: string;
}

export interface Party {
  id: string;
  name: string;
}

export interface Relationship {
  id: string;
  name: string;
  ownerCompanyId: string;
  parties: Party[];
  myRole: ParticipantRole;
  configured: boolean;
}

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  companyId: string;
  companyName: string;
  role: ParticipantRole;
  color: string;
}

export interface DemoAccount {
  email: string;
  name?: string;
  companyName?: string;
  company?: string;
  role?: string;
  description?: string;
  password?: string;
}

export interface PublicConfig {
  demo: boolean;
  demoAccounts?: DemoAccount[];
  demoPassword?: string;
}
