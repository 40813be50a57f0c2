import { apiRoutes } from '../app.ts';
import type { PlatformDeps } from '../deps.ts';
import { openApiDocument } from './openapi.ts';

/**
 * The OpenAPI document without a running service: route factories only touch
 * their collaborators inside handlers, so descriptors can be built with none.
 */
export function currentOpenApiDocument(serverUrl = 'http://127.0.0.1:3000'): object {
  return openApiDocument(apiRoutes({} as PlatformDeps), serverUrl);
}
