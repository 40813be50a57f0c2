/** `npm run api-types -w apps/web`: regenerates src/api/openapi.gen.ts from docs/openapi.json. */
import { writeFile } from 'node:fs/promises';
import { apiTypesPath, generateApiTypes } from './api-types.ts';

await writeFile(apiTypesPath, await generateApiTypes());
console.log(`wrote ${apiTypesPath}`);
