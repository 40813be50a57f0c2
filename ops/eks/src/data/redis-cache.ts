import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface RedisCacheProps {
  vpc: ec2.IVpc;
  key: kms.IKey;
  clientCidrs: string[];
  /** One primary + replicas, one node per zone, so automatic failover has somewhere to go. */
  zones: number;
}

/**
 * ElastiCache (Valkey/Redis OSS protocol) replication group for dojo-engine's
 * Colyseus presence and driver: Multi-AZ with automatic failover, one node per
 * zone, TLS in transit (clients use `rediss://`) and an AUTH token from Secrets Manager.
 */
export class RedisCache extends Construct {
  readonly replicationGroup: elasticache.CfnReplicationGroup;
  readonly authSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Redis of dojo-engine (presence and driver)',
      allowAllOutbound: false,
    });
    for (const cidr of props.clientCidrs) {
      securityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(6379), 'EKS private subnet');
    }
    const subnets = new elasticache.CfnSubnetGroup(this, 'Subnets', {
      description: 'Isolated subnets of every zone',
      subnetIds: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    this.authSecret = new secretsmanager.Secret(this, 'AuthToken', {
      secretName: 'pocdojo/dojo/redis',
      description: 'AUTH token of the dojo-engine Redis',
      encryptionKey: props.key,
      // ElastiCache AUTH tokens: 16–128 printable characters, no punctuation that breaks a URL.
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
    });
    this.replicationGroup = new elasticache.CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupDescription: 'dojo-engine presence and matchmaking driver',
      engine: 'valkey',
      engineVersion: '8.0',
      cacheNodeType: 'cache.m7g.large',
      numCacheClusters: props.zones,
      multiAzEnabled: true,
      automaticFailoverEnabled: true,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [securityGroup.securityGroupId],
      atRestEncryptionEnabled: true,
      kmsKeyId: props.key.keyArn,
      transitEncryptionEnabled: true,
      authToken: this.authSecret.secretValue.unsafeUnwrap(),
      snapshotRetentionLimit: 3,
      port: 6379,
    });
  }
}
