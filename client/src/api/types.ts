/**
 * Shapes of the REST API's answers (CONTRACT 4 and docs/api.md), as the client reads them. The
 * server's answers are declared once in shared/apiTypes.ts; only the client's own readings stay here.
 */

export type {
  Me,
  Party,
  ParticipantRole,
  PresenceUser,
  RelationshipView as Relationship,
  TeamMember,
} from '../../../shared/apiTypes.ts';

export interface DemoAccount {
  id?: string;
  email: string;
  /** The person's one colour, as the header and presence show it. */
  color?: string;
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
  /** SMTP_URL is set: reset links can be e-mailed. */
  mail?: boolean;
}
