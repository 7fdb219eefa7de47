/**
 * A company's Account Plan settings (CONTRACT 4) and its people (extension, docs/api.md).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { userOf, type ApiDeps } from './context.ts';
import { CompanyParams, SettingsBody } from './schemas.ts';

export async function companyRoutes(fastify: FastifyInstance, deps: ApiDeps): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/companies/:companyId/account-plan-settings', { schema: { params: CompanyParams } }, async (request) => {
    const user = userOf(request);
    return deps.plans.getSettings(user, request.params.companyId);
  });

  app.put(
    '/companies/:companyId/account-plan-settings',
    { schema: { params: CompanyParams, body: SettingsBody } },
    async (request) => {
      const user = userOf(request);
      return deps.plans.putSettings(user, request.params.companyId, request.body);
    },
  );

  app.get('/companies/:companyId/users', { schema: { params: CompanyParams } }, async (request) => {
    const user = userOf(request);
    return deps.relationships.companyUsers(user, request.params.companyId);
  });
}
