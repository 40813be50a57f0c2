import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { EventQueues } from '../data/event-queues.ts';
import { MediaBucket } from '../data/media-bucket.ts';
import { NotificationChannels } from '../data/notification-channels.ts';
import { RedisCache } from '../data/redis-cache.ts';
import { ServiceDatabase } from '../data/service-database.ts';
import { ServiceSecrets } from '../data/service-secrets.ts';
import { type DatabaseName, databaseServices } from '../services.ts';

export interface DataStackProps extends StackProps {
  vpc: ec2.IVpc;
  zones: number;
  /** Fixed name of the media bucket (the manifests' S3_BUCKET). */
  mediaBucketName: string;
  /** The web app's origin, the only one allowed to upload attachments straight to the media bucket. */
  webOrigin: string;
  /** Domain notifier's e-mails are sent from (an SES identity). */
  mailDomain: string;
}

/**
 * Everything stateful: one Postgres per service database, the dojo Redis, the
 * event queues, the media bucket and the shared secrets, all encrypted with one customer key.
 */
export class DataStack extends Stack {
  readonly key: kms.Key;
  readonly databases: Record<DatabaseName, ServiceDatabase>;
  readonly redis: RedisCache;
  readonly events: EventQueues;
  readonly media: MediaBucket;
  readonly serviceSecrets: ServiceSecrets;
  readonly notifications: NotificationChannels;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.key = new kms.Key(this, 'DataKey', {
      alias: 'alias/pocdojo-data',
      description: 'PocDojo data at rest: RDS, ElastiCache, SQS, S3, secrets',
      enableKeyRotation: true,
    });
    const clientCidrs = props.vpc.privateSubnets.map((subnet) => subnet.ipv4CidrBlock);
    const databases = {} as Record<DatabaseName, ServiceDatabase>;
    for (const service of databaseServices) {
      databases[service.database] = new ServiceDatabase(this, `${service.database}Database`, {
        vpc: props.vpc,
        database: service.database,
        key: this.key,
        clientCidrs,
      });
    }
    this.databases = databases;
    this.redis = new RedisCache(this, 'DojoRedis', { vpc: props.vpc, key: this.key, clientCidrs, zones: props.zones });
    this.serviceSecrets = new ServiceSecrets(this, 'ServiceSecrets', { key: this.key });
    this.events = new EventQueues(this, 'Events', { key: this.key });
    this.notifications = new NotificationChannels(this, 'Notifications', {
      mailDomain: props.mailDomain,
      feedbackQueue: this.events.queues.sesFeedback,
      key: this.key,
    });
    this.media = new MediaBucket(this, 'Media', {
      key: this.key,
      bucketName: props.mediaBucketName,
      webOrigin: props.webOrigin,
    });
  }
}
