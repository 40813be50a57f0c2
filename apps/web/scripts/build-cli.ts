/** `npm run build -w apps/web`: a fresh production build into dist/ (what deploys upload to S3). */
import { build, distDir } from './build.ts';

await build();
console.log(`built ${distDir}`);
