import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface SiteStackProps extends StackProps {
  /** Fixed, so the front door (another region) and the delivery pipeline can name it. */
  bucketName: string;
}

/**
 * The web app's files, in the home region with every other stateful resource:
 * only CloudFront, its certificate and its web ACL have to live in us-east-1,
 * and CloudFront reads an origin bucket in any region. The bucket admits
 * CloudFront distributions of this account only (Origin Access Control signs
 * their requests); the front door's stack cannot edit this bucket's policy
 * across regions, so the grant is written here.
 */
export class SiteStack extends Stack {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    // S3-managed keys: CloudFront OAC reads SSE-KMS objects only with an extra key policy, and these files are public anyway.
    this.bucket = new s3.Bucket(this, 'Site', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
    });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudFrontOriginAccessControl',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': this.account },
          ArnLike: { 'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*` },
        },
      }),
    );
  }
}
