import { join } from 'node:path';
import { deploymentFromEnv } from '../deployment.ts';
import { pocdojoManifests } from './pocdojo-manifests.ts';

// `npm run synth` writes dist/k8s/*.yaml: generated per environment and image tag, so not committed.
const outdir = process.env.K8S_OUTDIR ?? join(import.meta.dirname, '..', '..', 'dist', 'k8s');
pocdojoManifests(deploymentFromEnv(), outdir).synth();
console.log(`manifests written to ${outdir}`);
