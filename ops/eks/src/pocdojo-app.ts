import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type Environment, Validations } from 'aws-cdk-lib';
import { availabilityZones, type DeploymentSettings, mediaBucketName, siteBucketName } from './deployment.ts';
import { KarpenterNames } from './k8s/karpenter.ts';
import { ComputeStack } from './stacks/compute-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { NetworkStack } from './stacks/network-stack.ts';
import { RegistryStack } from './stacks/registry-stack.ts';
import { SiteStack } from './stacks/site-stack.ts';
import { WebStack } from './stacks/web-stack.ts';

/** The one region AWS requires for CloudFront's certificate and web ACL. */
export const EDGE_REGION = 'us-east-1';

export interface PocDojoStacks {
  network: NetworkStack;
  data: DataStack;
  compute: ComputeStack;
  registry: RegistryStack;
  site: SiteStack;
  web: WebStack;
}

/**
 * Builds every stack into `app`. The account and region are explicit: without
 * them CDK assumes 2 AZs whatever `maxAzs` says (the AZ list comes from cdk.context.json).
 */
export function buildStacks(app: App, settings: DeploymentSettings): PocDojoStacks {
  const env: Environment = { account: settings.account, region: settings.region };
  const name = (suffix: string) => `${settings.stackPrefix}-${suffix}`;
  const network = new NetworkStack(app, name('Network'), { env, zones: settings.zones });
  const data = new DataStack(app, name('Data'), {
    env,
    vpc: network.vpc,
    zones: settings.zones,
    mediaBucketName: mediaBucketName(settings),
    webOrigin: `https://${settings.publicHost}`,
    mailDomain: settings.publicHost,
  });
  const compute = new ComputeStack(app, name('Compute'), {
    env,
    vpc: network.vpc,
    data,
    namespace: settings.namespace,
    apiAllowedCidrs: settings.apiAllowedCidrs,
    karpenter: KarpenterNames.of(settings, availabilityZones(settings)),
  });
  // CDK's own EKS construct sets the field CloudFormation now deprecates; the cluster still encrypts Secrets.
  Validations.of(compute).acknowledge({ id: 'CloudFormation-Validate::W9009', reason: 'set by aws-eks-v2 itself' });
  const registry = new RegistryStack(app, name('Registry'), { env });
  const site = new SiteStack(app, name('Site'), { env, bucketName: siteBucketName(settings) });
  // CloudFront takes certificates and web ACLs from us-east-1 only, so the front door's stack lives there;
  // every stateful resource stays in the home region.
  const web = new WebStack(app, name('Web'), {
    env: { account: settings.account, region: EDGE_REGION },
    publicHost: settings.publicHost,
    site: { bucketName: siteBucketName(settings), region: settings.region },
  });
  web.addDependency(site);
  return { network, data, compute, registry, site, web };
}

/** The committed context (AZ lookups): the CLI passes it itself, an in-process synth (tests) must load it. */
export const committedContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'cdk.context.json'), 'utf8'));

export interface CreateAppOptions {
  outdir?: string;
  /**
   * CDK's built-in CloudFormation schema validation at synth (default on). Tests
   * that only read the templates turn it off: it is most of the synth time.
   */
  validate?: boolean;
}

/** A CDK app holding every stack. */
export function createApp(
  settings: DeploymentSettings,
  options: CreateAppOptions = {},
): { app: App; stacks: PocDojoStacks } {
  const app = new App({
    outdir: options.outdir,
    context: committedContext(),
    builtinCloudFormationValidation: options.validate ?? true,
  });
  return { app, stacks: buildStacks(app, settings) };
}
