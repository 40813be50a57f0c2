import { deploymentFromEnv } from './deployment.ts';
import { createApp } from './pocdojo-app.ts';
import { forbiddenResources, templatesIn } from './policy/forbidden-resources.ts';

// Entry of `cdk synth`/`cdk deploy` (cdk.json) and of `npm run synth`.
const { app } = createApp(deploymentFromEnv(), { outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
const assembly = app.synth();

// Refuse to hand CloudFormation a template that breaks the customer's rules.
const forbidden = forbiddenResources(templatesIn(assembly.directory));
if (forbidden.length > 0) {
  for (const r of forbidden) console.error(`${r.rule}: ${r.file} ${r.logicalId} (${r.type})`);
  process.exit(1);
}
