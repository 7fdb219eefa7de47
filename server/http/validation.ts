/**
 * The validator compiler of the /api scope. Fastify's default ajv setup removes unknown
 * properties (`removeAdditional`) and coerces types, so `{"email": 1, "extra": true}` would pass;
 * CONTRACT 4 wants both refused. TypeBox's compiler checks exactly what the schema says and
 * converts nothing in bodies (params and querystrings are converted from strings as usual).
 *
 * A POST without a body (Fastify passes null) is checked as `{}`: a body whose fields are all
 * optional may be omitted, and a body with required fields still fails, naming them.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';

export const strictValidatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const validate = TypeBoxValidatorCompiler(route);
  if (route.httpPart !== 'body') return validate;
  return ((value: unknown) => validate(value === undefined || value === null ? {} : value)) as typeof validate;
};
