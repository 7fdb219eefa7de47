/**
 * Request schemas of the REST API (CONTRACT 4), TypeBox so that the schema and the handler's
 * types are one. Every object is closed (`additionalProperties: false`): with our validator
 * compiler (validation.ts) an unknown field is a 400, never silently dropped.
 */
import { Type, type Static } from 'typebox';

const closed = { additionalProperties: false } as const;

/** Ids in paths: what our ids look like, so a malformed one is a 400 before any lookup. */
export const Id = Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' });

export const RelationshipParams = Type.Object({ id: Id }, closed);
export const CompanyParams = Type.Object({ companyId: Id }, closed);
export const TeamMemberParams = Type.Object({ id: Id, userId: Id }, closed);

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  closed,
);
export type LoginBody = Static<typeof LoginBody>;

export const Measure = Type.Object(
  {
    unit: Type.String({ maxLength: 40 }),
    baseline: Type.Number(),
    target: Type.Number(),
    direction: Type.Union([Type.Literal('increase'), Type.Literal('decrease')]),
  },
  closed,
);

export const CatalogObjective = Type.Object(
  {
    /** Absent for a new entry: the server assigns one (docs/api.md). */
    id: Type.Optional(Id),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 2000 }),
    measure: Measure,
  },
  closed,
);

const LibraryEntry = Type.String({ minLength: 1, maxLength: 500 });

export const SettingsBody = Type.Object(
  {
    enabled: Type.Boolean(),
    objectives: Type.Array(CatalogObjective, { maxItems: 100 }),
    principles: Type.Array(LibraryEntry, { maxItems: 50 }),
    behaviours: Type.Array(LibraryEntry, { maxItems: 50 }),
  },
  closed,
);
export type SettingsBody = Static<typeof SettingsBody>;

export const ConfigurePlanBody = Type.Object(
  { objectiveIds: Type.Optional(Type.Array(Id, { maxItems: 100 })) },
  closed,
);
export type ConfigurePlanBody = Static<typeof ConfigurePlanBody>;

export const ParticipantRole = Type.Union([Type.Literal('admin'), Type.Literal('member'), Type.Literal('viewer')]);

export const TeamRoleBody = Type.Object({ role: ParticipantRole }, closed);
export type TeamRoleBody = Static<typeof TeamRoleBody>;

// --- companies, people, invitations, passwords (CONTRACT 8) -----------------------------------

/** Link tokens in paths (server/accounts/linkTokens.ts makes 43 base64url characters). */
export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,200}$' }) }, closed);
export const CompanyUserParams = Type.Object({ companyId: Id, userId: Id }, closed);
export const CompanyInvitationParams = Type.Object({ companyId: Id, invitationId: Id }, closed);

const Email = Type.String({ minLength: 3, maxLength: 254 });
const NewPassword = Type.String({ minLength: 1, maxLength: 1024 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
export const CompanyRoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('member')]);

export const InviteBody = Type.Object({ email: Email, role: CompanyRoleSchema }, closed);
export type InviteBody = Static<typeof InviteBody>;

export const AcceptInvitationBody = Type.Object(
  { name: Name, password: NewPassword, companyName: Type.Optional(Name) },
  closed,
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;

export const CompanyRoleBody = Type.Object({ companyRole: CompanyRoleSchema }, closed);
export type CompanyRoleBody = Static<typeof CompanyRoleBody>;

export const StartRelationshipBody = Type.Object({ name: Name, partnerEmail: Email }, closed);
export type StartRelationshipBody = Static<typeof StartRelationshipBody>;

export const UpdateRelationshipBody = Type.Object(
  { name: Type.Optional(Name), archived: Type.Optional(Type.Boolean()) },
  closed,
);
export type UpdateRelationshipBody = Static<typeof UpdateRelationshipBody>;

export const ChangePasswordBody = Type.Object(
  { current: Type.String({ minLength: 1, maxLength: 1024 }), next: NewPassword },
  closed,
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const ResetRequestBody = Type.Object({ email: Email }, closed);
export type ResetRequestBody = Static<typeof ResetRequestBody>;

export const ResetCompleteBody = Type.Object({ password: NewPassword }, closed);
export type ResetCompleteBody = Static<typeof ResetCompleteBody>;
