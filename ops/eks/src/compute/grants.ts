import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { NotificationChannels } from '../data/notification-channels.ts';
import { NotificationNames } from '../services.ts';

/*
 * Least-privilege grants written as identity policies on the workload role.
 * Why not `queue.grantSendMessages(role)` and friends: with a customer KMS key
 * those also edit the key policy in the data stack, which then depends on the
 * compute stack that depends on it (a cycle). The key policy already delegates
 * to IAM in the account, so identity policies are enough.
 */

export function allowSend(role: iam.IRole, queue: sqs.IQueue, key: kms.IKey): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      resources: [queue.queueArn],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
  );
}

export function allowConsume(role: iam.IRole, queue: sqs.IQueue, key: kms.IKey): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
      ],
      resources: [queue.queueArn],
    }),
  );
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }));
}

/** Read (and presign reads of) objects under `prefix` only. */
export function allowReadObjects(role: iam.IRole, bucket: s3.IBucket, prefix: string, key: kms.IKey): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }),
  );
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }));
}

/** Write objects under `prefix` only (multipart uploads included). */
export function allowWriteObjects(role: iam.IRole, bucket: s3.IBucket, prefix: string, key: kms.IKey): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
      resources: [bucket.arnForObjects(`${prefix}*`)],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
  );
}

/**
 * Deleting media objects under `prefix`: an erased team's `tenants/{id}/` (listed, then deleted),
 * a deleted account's files, expired exports. Listing is limited to keys under the prefix.
 */
export function allowEraseObjects(role: iam.IRole, bucket: s3.IBucket, prefix: string): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }),
  );
}

/**
 * notifier's sending: SES e-mail from its identity (whose default
 * configuration set publishes bounces and complaints) and its configuration set, SNS
 * endpoints created on its two platform applications, pushes to and deletions
 * of those applications' endpoints only.
 */
export function allowNotify(role: iam.IRole, channels: NotificationChannels): void {
  const stack = Stack.of(channels);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: channels.identity.emailIdentityName }),
        stack.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: channels.configurationSet.configurationSetName,
        }),
      ],
    }),
  );
  const applications = [channels.apnsApplicationArn, channels.fcmApplicationArn];
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['sns:CreatePlatformEndpoint'], resources: applications }),
  );
  const endpoints = ['APNS', 'GCM'].map((platform) =>
    stack.formatArn({
      service: 'sns',
      resource: 'endpoint',
      resourceName: `${platform}/${platform === 'APNS' ? NotificationNames.apnsApplication : NotificationNames.fcmApplication}/*`,
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['sns:Publish', 'sns:DeleteEndpoint', 'sns:GetEndpointAttributes', 'sns:SetEndpointAttributes'],
      resources: endpoints,
    }),
  );
}

export function allowReadSecrets(role: iam.IRole, secrets: secretsmanager.ISecret[], key: kms.IKey): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: secrets.map((secret) => secret.secretArn),
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
      conditions: { StringLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } },
    }),
  );
}
