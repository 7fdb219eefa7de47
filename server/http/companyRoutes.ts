/**
 * A company's Account Plan settings (CONTRACT 4) and its people (extension, docs/api.md).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { etagOf } from '../accounts/settingsVersion.ts';
import { userOf, type ApiDeps } from './context.ts';
import { CompanyParams, SettingsBody } from './schemas.ts';

export function companyRoutes(fastify: FastifyInstance, deps: ApiDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  // The settings' version travels as an ETag; a PUT with If-Match is refused (409) when someone
  // saved since. The body stays CONTRACT 4's, so a GET body can be PUT back as it is.
  app.get(
    '/companies/:companyId/account-plan-settings',
    { schema: { params: CompanyParams } },
    async (request, reply) => {
      const user = userOf(request);
      const { settings, version } = await deps.plans.getVersionedSettings(user, request.params.companyId);
      reply.header('etag', etagOf(version)).header('cache-control', 'no-store');
      return settings;
    },
  );

  app.put(
    '/companies/:companyId/account-plan-settings',
    { schema: { params: CompanyParams, body: SettingsBody } },
    async (request, reply) => {
      const user = userOf(request);
      const ifMatch = request.headers['if-match'];
      const { settings, version } = await deps.plans.putVersionedSettings(
        user,
        request.params.companyId,
        request.body,
        ifMatch,
      );
      reply.header('etag', etagOf(version));
      return settings;
    },
  );

  app.get('/companies/:companyId/users', { schema: { params: CompanyParams } }, async (request) => {
    const user = userOf(request);
    return deps.relationships.companyUsers(user, request.params.companyId);
  });
}
