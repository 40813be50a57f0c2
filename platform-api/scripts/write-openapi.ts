/**
 * `npm run openapi -w platform-api`: writes docs/openapi.json from the route
 * schemas, so the API can be read (and client code generated) without running
 * the service. A test keeps the committed file in step with the code.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { currentOpenApiDocument } from '../src/http/openapi-offline.ts';

const target = join(import.meta.dirname, '..', '..', 'docs', 'openapi.json');
await writeFile(target, `${JSON.stringify(currentOpenApiDocument(), null, 2)}\n`);
console.log(`wrote ${target}`);
