/**
 * Plan history over REST (docs/api.md, "Plan history, sign-off and export"): versions, compare,
 * restore, joint sign-off and Markdown export. Registered inside the /api scope (routes.ts), so
 * the scope's session check, strict validation and `{error, message}` shape apply.
 *
 * Who may do what, decided here before the history service is called:
 * - read anything (the live plan, versions, diffs, agreement, export): any participant, viewers included;
 * - name a version: admins and members (anyone who can change the plan can mark a moment in it);
 * - restore: relationship admins;
 * - sign: a Company Admin of one of the two parties, for their own company.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorCode } from '../../shared/closeCodes.ts';
import { planToMarkdown, formatWhen } from '../../shared/markdown.ts';
import { RESTORABLE_SECTIONS, changedSections, planDiff } from '../../shared/planDiff.ts';
import { richJsonToPlain, type PlanSnapshot } from '../../shared/planSnapshot.ts';
import { RICH_TEXT_SECTIONS } from '../../shared/schema.ts';
import { atLeast, isCompanyAdminOf } from '../accounts/roles.ts';
import type { Relationship, User } from '../accounts/types.ts';
import type { HistoryService } from '../history/HistoryService.ts';
import { ContentTooDeepError } from '../history/restore.ts';
import type { AgreementView } from '../history/agreement.ts';
import type { LivePlan, Version, VersionDetail, VersionDiff, VersionPlan } from '../../shared/apiTypes.ts';
import type { VersionMeta } from '../history/VersionStore.ts';
import { userOf, type ApiDeps } from './context.ts';
import { clash, denied } from '../errors.ts';
import { Id, RelationshipParams } from './schemas.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Decorated by buildApp (server/app.ts); absent in apps built without history. */
    history?: HistoryService;
  }
}

const closed = { additionalProperties: false } as const;
const VersionParams = Type.Object({ id: Id, versionId: Id }, closed);
const NameVersionBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' }) }, closed);
const DiffQuery = Type.Object({ against: Type.Optional(Id) }, closed);
/** Sign takes no input; a body with any field is refused like everywhere else. */
const NoBody = Type.Object({}, closed);
/** Restore takes the sections to bring back; none: the whole plan. */
const RestoreBody = Type.Object(
  {
    sections: Type.Optional(
      Type.Array(Type.Union(RESTORABLE_SECTIONS.map((s) => Type.Literal(s))), {
        minItems: 1,
        maxItems: RESTORABLE_SECTIONS.length,
        uniqueItems: true,
      }),
    ),
  },
  closed,
);

/** A version as the API shows it (the stored seq is an implementation detail). */
function versionView(v: VersionMeta): Version {
  return {
    id: v.id,
    name: v.name,
    kind: v.kind,
    at: v.at,
    by: v.by,
    authors: v.authors,
    restoredFrom: v.restoredFrom,
    restoredSections: v.restoredSections ?? null,
  };
}

/** The snapshot plus plain text of each rich-text section, for clients that do not render JSON. */
function planView(plan: PlanSnapshot): VersionPlan {
  const text = Object.fromEntries(RICH_TEXT_SECTIONS.map((s) => [s, richJsonToPlain(plan[s])])) as VersionPlan['text'];
  return { ...plan, text };
}

/** An ASCII file name: `acme-globex-agreed-at-q3-2025-06-03.md`. */
function fileName(relationshipId: string, label: string, at: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return [relationshipId, slug, at.slice(0, 10)].filter(Boolean).join('-') + '.md';
}

function sendMarkdown(reply: FastifyReply, name: string, markdown: string) {
  return reply
    .type('text/markdown; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(markdown);
}

function agreedLine(a: AgreementView): string | null {
  if (!a.agreed) return null;
  const who = a.signatures.map((s) => `${s.companyName} (${s.userName}, ${formatWhen(s.at)})`);
  return `Agreed by ${who.join(' and ')}`;
}

export function historyRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const history = fastify.history;
  if (!history) return;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  /** The relationship and the caller's role; 404 / 403 as for every relationship route. */
  const access = (user: User, id: string) => deps.relationships.requireRole(user, id);
  /** Routes that read or change the live plan need it to exist (like the sync endpoint's 409). */
  const requireConfigured = (rel: Relationship) => {
    if (rel.configuredAt === null)
      throw clash(ErrorCode.AreaNotConfigured, 'This plan awaits configuration by a Company Admin.');
  };
  const person = (user: User) => ({ id: user.id, name: user.name });
  const parties = async (rel: Relationship) => (await deps.relationships.view(rel, 'viewer')).parties;
  const people = async (rel: Relationship) =>
    Object.fromEntries((await deps.relationships.teamOf(rel)).map((m) => [m.userId, m.name]));

  app.get('/relationships/:id/versions', { schema: { params: RelationshipParams } }, async (request) => {
    await access(userOf(request), request.params.id);
    return (await history.list(request.params.id)).map(versionView);
  });

  app.post(
    '/relationships/:id/versions',
    { schema: { params: RelationshipParams, body: NameVersionBody } },
    async (request, reply) => {
      const user = userOf(request);
      const { rel, role } = await access(user, request.params.id);
      if (!atLeast(role, 'member')) throw denied('Viewers cannot name versions.');
      requireConfigured(rel);
      const version = await history.capture(rel.id, 'named', request.body.name.trim(), person(user));
      return reply.code(201).send(versionView(version));
    },
  );

  app.get('/relationships/:id/versions/:versionId', { schema: { params: VersionParams } }, async (request) => {
    await access(userOf(request), request.params.id);
    const { meta, plan } = await history.snapshot(request.params.id, request.params.versionId);
    const detail: VersionDetail = { version: versionView(meta), plan: planView(plan) };
    return detail;
  });

  app.get(
    '/relationships/:id/versions/:versionId/diff',
    { schema: { params: VersionParams, querystring: DiffQuery } },
    async (request) => {
      const { rel } = await access(userOf(request), request.params.id);
      const against = request.query.against ?? 'current';
      const from = await history.snapshot(rel.id, request.params.versionId);
      let to: { version: Version | null; plan: PlanSnapshot };
      if (against === 'current') {
        requireConfigured(rel);
        to = { version: null, plan: await history.current(rel.id) };
      } else {
        const other = await history.snapshot(rel.id, against);
        to = { version: versionView(other.meta), plan: other.plan };
      }
      const diff = planDiff(from.plan, to.plan);
      const answer: VersionDiff = {
        from: versionView(from.meta),
        to: to.version ?? 'current',
        changedSections: changedSections(diff),
        diff,
      };
      return answer;
    },
  );

  app.post(
    '/relationships/:id/versions/:versionId/restore',
    { schema: { params: VersionParams, body: RestoreBody } },
    async (request, reply) => {
      const user = userOf(request);
      const { rel, role } = await access(user, request.params.id);
      if (role !== 'admin') throw denied('Only relationship admins can restore a version.');
      requireConfigured(rel);
      // Archived plans are read-only for everyone, restores included (export still works).
      if (rel.archivedAt)
        throw clash(
          ErrorCode.RelationshipArchived,
          'This relationship is archived: unarchive it to restore a version.',
        );
      // Plan order, whatever order the request named them in.
      const asked = (request.body as { sections?: readonly string[] } | undefined)?.sections;
      const sections = asked ? RESTORABLE_SECTIONS.filter((s) => asked.includes(s)) : null;
      const version = await history
        .restore(rel.id, request.params.versionId, person(user), sections)
        .catch((err: unknown) => {
          if (err instanceof ContentTooDeepError) {
            throw clash(
              ErrorCode.Conflict,
              `This version or the current plan holds ${err.section} text nested too deeply to restore; nothing was changed.`,
            );
          }
          throw err;
        });
      return reply.code(201).send(versionView(version));
    },
  );

  app.post(
    '/relationships/:id/versions/:versionId/sign',
    { schema: { params: VersionParams, body: NoBody } },
    async (request) => {
      const user = userOf(request);
      const { rel, role } = await access(user, request.params.id);
      // The role check keeps this honest if a company ever leaves a relationship's parties.
      if (role !== 'admin' || !rel.partyIds.some((c) => isCompanyAdminOf(user, c))) {
        throw denied('Only a Company Admin of either party can sign the plan.');
      }
      requireConfigured(rel);
      const company = (await parties(rel)).find((p) => p.id === user.companyId)!;
      await history.sign(rel.id, request.params.versionId, {
        companyId: company.id,
        companyName: company.name,
        userId: user.id,
        userName: user.name,
      });
      return history.agreement(rel.id, await parties(rel));
    },
  );

  app.get('/relationships/:id/agreement', { schema: { params: RelationshipParams } }, async (request) => {
    const { rel } = await access(userOf(request), request.params.id);
    requireConfigured(rel);
    return history.agreement(rel.id, await parties(rel));
  });

  // The live plan as data, for integrations and reports that should not speak the sync protocol
  // (the same shape as a version's `plan`, read from the loaded document at this moment).
  app.get('/relationships/:id/plan', { schema: { params: RelationshipParams } }, async (request) => {
    const { rel } = await access(userOf(request), request.params.id);
    requireConfigured(rel);
    const live: LivePlan = {
      relationshipId: rel.id,
      at: new Date().toISOString(),
      plan: planView(await history.current(rel.id)),
    };
    return live;
  });

  app.get('/relationships/:id/export.md', { schema: { params: RelationshipParams } }, async (request, reply) => {
    const { rel } = await access(userOf(request), request.params.id);
    requireConfigured(rel);
    const now = new Date().toISOString();
    const markdown = planToMarkdown(await history.current(rel.id), {
      people: await people(rel),
      subtitle: `Current plan, exported ${formatWhen(now, true)}`,
    });
    return sendMarkdown(reply, fileName(rel.id, 'plan', now), markdown);
  });

  app.get(
    '/relationships/:id/versions/:versionId/export.md',
    { schema: { params: VersionParams } },
    async (request, reply) => {
      const { rel } = await access(userOf(request), request.params.id);
      const { meta, plan } = await history.snapshot(rel.id, request.params.versionId);
      const label = meta.name ? `Version “${meta.name}”` : 'Version';
      const lines = [`${label}, captured ${formatWhen(meta.at, true)}`];
      if (rel.configuredAt !== null) {
        const agreement = await history.agreement(rel.id, await parties(rel));
        const agreed = agreement.versionId === meta.id ? agreedLine(agreement) : null;
        if (agreed) lines.push(agreed);
      }
      const markdown = planToMarkdown(plan, { people: await people(rel), subtitle: lines.join(' · ') });
      return sendMarkdown(reply, fileName(rel.id, meta.name ?? `version-${meta.id}`, meta.at), markdown);
    },
  );
}
