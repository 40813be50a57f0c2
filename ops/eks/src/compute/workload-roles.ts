import { TENANTS_KEY_PREFIX } from '@pocdojo/common/contracts/tenant-keys';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueKey } from '../data/event-queues.ts';
import type { NotificationChannels } from '../data/notification-channels.ts';
import { otelCollector } from '../k8s/otel-collector.ts';
import { Services } from '../services.ts';
import {
  allowConsume,
  allowEraseObjects,
  allowNotify,
  allowReadObjects,
  allowReadSecrets,
  allowSend,
  allowWriteObjects,
} from './grants.ts';

export interface WorkloadRolesProps {
  clusterName: string;
  namespace: string;
  queues: Record<QueueKey, sqs.IQueue>;
  bucket: s3.IBucket;
  /** The customer key of queues, bucket and secrets. */
  dataKey: kms.IKey;
  /** Secrets the External Secrets operator copies into Kubernetes Secrets. */
  secrets: secretsmanager.ISecret[];
  /** notifier's SES identity and configuration set, and the SNS platform applications it pushes through. */
  notifications: NotificationChannels;
}

/** Service account of the KEDA operator (installed with Helm), which scales media-worker on queue depth. */
export const kedaServiceAccount = { namespace: 'keda', name: 'keda-operator' } as const;

/** Service account of the External Secrets operator (installed with Helm, see README). */
export const externalSecretsServiceAccount = { namespace: 'external-secrets', name: 'external-secrets' } as const;

/**
 * One IAM role per workload, bound to its Kubernetes service account with EKS
 * Pod Identity (no OIDC provider, which in CDK would need a custom resource),
 * each granted only what architecture §3 says the service does. dojo-engine's
 * role only sends test runs and reads their results (kata-runner the reverse).
 */
export class WorkloadRoles extends Construct {
  readonly roles: Record<string, iam.Role> = {};

  constructor(scope: Construct, id: string, props: WorkloadRolesProps) {
    super(scope, id);
    const { queues, bucket } = props;

    const key = props.dataKey;
    const platform = this.bind(props, Services.platformApi.name, props.namespace);
    allowSend(platform, queues.pocEvents, key);
    allowSend(platform, queues.mediaJobs, key);
    // Dojo settings changes for the live rooms, and notifications for the notifier, leave through the outbox too.
    allowSend(platform, queues.dojoEvents, key);
    allowSend(platform, queues.notifications, key);
    allowConsume(platform, queues.mediaResults, key);
    // Each service that keeps tenant data reports a team's erasure on erasure-reports.
    allowConsume(platform, queues.erasureReports, key);
    // Presigned GETs are signed with the pod's credentials, so it needs read on media keys, nothing more.
    allowReadObjects(platform, bucket, TENANTS_KEY_PREFIX, key);
    // Deleted accounts' files, expired exports, an erased team's prefix.
    allowEraseObjects(platform, bucket, TENANTS_KEY_PREFIX);

    const search = this.bind(props, Services.searchIndexer.name, props.namespace);
    allowConsume(search, queues.pocEvents, key);
    allowSend(search, queues.erasureReports, key);

    const media = this.bind(props, Services.mediaWorker.name, props.namespace);
    allowConsume(media, queues.mediaJobs, key);
    allowSend(media, queues.mediaResults, key);
    allowSend(media, queues.erasureReports, key);
    allowWriteObjects(media, bucket, TENANTS_KEY_PREFIX, key);
    allowReadObjects(media, bucket, TENANTS_KEY_PREFIX, key);
    allowEraseObjects(media, bucket, TENANTS_KEY_PREFIX);

    const engine = this.bind(props, Services.dojoEngine.name, props.namespace);
    allowSend(engine, queues.kataRunRequests, key);
    allowConsume(engine, queues.kataRunResults, key);
    allowConsume(engine, queues.dojoEvents, key);
    allowSend(engine, queues.erasureReports, key);

    const notifier = this.bind(props, Services.notifier.name, props.namespace);
    allowConsume(notifier, queues.notifications, key);
    allowConsume(notifier, queues.sesFeedback, key);
    allowSend(notifier, queues.erasureReports, key);
    allowNotify(notifier, props.notifications);

    const runner = this.bind(props, Services.kataRunner.name, props.namespace);
    allowConsume(runner, queues.kataRunRequests, key);
    allowSend(runner, queues.kataRunResults, key);
    // KEDA reads the media-jobs queue's depth to scale media-worker: its attributes, nothing else.
    const keda = this.bind(props, kedaServiceAccount.name, kedaServiceAccount.namespace);
    keda.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:GetQueueAttributes'], resources: [queues.mediaJobs.queueArn] }),
    );

    // The ADOT collector writes spans to X-Ray (its OTLP endpoint), nothing else.
    const collector = this.bind(props, otelCollector.name, props.namespace);
    collector.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSXrayWriteOnlyAccess'));

    const eso = this.bind(props, externalSecretsServiceAccount.name, externalSecretsServiceAccount.namespace);
    allowReadSecrets(eso, props.secrets, key);
  }

  private bind(props: WorkloadRolesProps, serviceAccount: string, namespace: string): iam.Role {
    const role = new iam.Role(this, serviceAccount, {
      description: `Pod Identity role of ${namespace}/${serviceAccount}`,
      // Pod Identity passes session tags, so the trust policy must allow sts:TagSession too.
      assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')),
    });
    new eks.CfnPodIdentityAssociation(this, `${serviceAccount}Association`, {
      clusterName: props.clusterName,
      namespace,
      serviceAccount,
      roleArn: role.roleArn,
    });
    this.roles[serviceAccount] = role;
    return role;
  }
}
