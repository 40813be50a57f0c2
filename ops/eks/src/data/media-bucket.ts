import { TENANTS_KEY_PREFIX } from '@pocdojo/common/contracts/tenant-keys';
import { mediaBucketCors } from '@pocdojo/common/media-bucket-cors';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * The media bucket: reports, yearly videos and personal data archives under `tenants/{tenantId}/`,
 * downloaded only through short-lived presigned URLs (architecture §5), so it is
 * private, KMS-encrypted (bucket key on, to keep KMS calls per object low) and TLS-only.
 */
export class MediaBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: { key: kms.IKey; bucketName?: string; webOrigin: string }) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      // No autoDeleteObjects: it is a Lambda-backed custom resource. The bucket outlives the stack.
      removalPolicy: RemovalPolicy.RETAIN,
      // Browsers upload attachments straight to S3 with presigned PUTs and download with presigned GETs:
      // only the web app's origin may, and only those methods — the rule the local emulator applies too.
      cors: mediaBucketCors([props.webOrigin]).map((rule) => ({
        id: rule.ID,
        allowedOrigins: rule.AllowedOrigins ?? [],
        allowedMethods: (rule.AllowedMethods ?? []) as s3.HttpMethods[],
        allowedHeaders: rule.AllowedHeaders,
        exposedHeaders: rule.ExposeHeaders,
        maxAge: rule.MaxAgeSeconds,
      })),
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Reports and videos can be regenerated from the POCs: old versions need not be kept long.
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
        // Members' personal data archives (tagged by media-worker): platform-api's sweeper deletes them after
        // 7 days; this rule is the backstop for a delete that failed, and keeps no old version of them past a day.
        {
          id: 'expire-personal-data-exports',
          prefix: 'tenants/',
          tagFilters: { 'pocdojo-kind': 'personal-data-export' },
          expiration: Duration.days(8),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          id: 'media-to-infrequent-access',
          prefix: TENANTS_KEY_PREFIX,
          transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(60) }],
        },
      ],
    });
  }
}
