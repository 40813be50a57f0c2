import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import type { Construct } from 'constructs';
import { containerServices } from '../services.ts';

/** Repository name of a service's image: `pocdojo/<service>`. */
export const imageRepositoryName = (service: string) => `pocdojo/${service}`;

/**
 * One ECR repository per service (each service is its own deployable, architecture §3):
 * immutable tags (a tag names one build), scan on push, untagged images expire.
 */
export class RegistryStack extends Stack {
  readonly repositories: Record<string, ecr.Repository> = {};

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    for (const service of containerServices) {
      this.repositories[service.name] = new ecr.Repository(this, service.name, {
        repositoryName: imageRepositoryName(service.name),
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        imageScanOnPush: true,
        encryption: ecr.RepositoryEncryption.KMS,
        // No emptyOnDelete: it is a Lambda-backed custom resource.
        removalPolicy: RemovalPolicy.RETAIN,
        lifecycleRules: [
          { description: 'drop untagged layers', tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(7) },
          { description: 'keep the last 50 builds', tagStatus: ecr.TagStatus.ANY, maxImageCount: 50 },
        ],
      });
    }
  }
}
