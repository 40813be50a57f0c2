import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { type AnyRoute, openApiPath } from './api-route.ts';
import { problemSchema } from './schemas.ts';

/** The OpenAPI 3.1 document, generated from the very schemas that validate requests. */
export function openApiDocument(routes: AnyRoute[], serverUrl: string): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT (EdDSA, 15 min); keys at /.well-known/jwks.json',
  });
  registry.registerComponent('securitySchemes', 'internal', {
    type: 'http',
    scheme: 'bearer',
    description: 'Service-to-service shared secret (INTERNAL_TOKEN); not reachable from the public ingress',
  });
  for (const route of routes) registry.registerPath(openApiPath(route, problemSchema));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'PocDojo platform API',
      version: '1.0.0',
      license: { name: 'Proprietary: licensed to PocDojo customers under their contract' },
      description:
        'Tenants, identity, POCs, search, dojos, reports and videos. Errors are application/problem+json (RFC 9457). ' +
        'Lists use cursor pagination (`nextCursor`). Edits of POCs need `If-Match: "<version>"`.',
    },
    servers: [{ url: serverUrl }],
  });
}
