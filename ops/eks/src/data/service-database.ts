import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface ServiceDatabaseProps {
  vpc: ec2.IVpc;
  /** Database name, also the prefix of both roles: `platform` → `platform_owner`, `platform_app`. */
  database: string;
  /** Encrypts storage, backups and both secrets. */
  key: kms.IKey;
  /** CIDRs allowed to reach port 5432: the private (EKS) subnets. */
  clientCidrs: string[];
  instanceType?: ec2.InstanceType;
}

/**
 * One RDS PostgreSQL Multi-AZ instance per service database (architecture §3: no
 * service reads another's database), with two credentials in Secrets Manager:
 * the owner (RDS master, runs migrations) and the application role
 * (NOSUPERUSER NOBYPASSRLS, created by the migration Job) under which
 * row-level security applies. No rotation: Secrets Manager rotation runs on Lambda.
 */
export class ServiceDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;
  readonly ownerSecret: secretsmanager.ISecret;
  readonly appSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: ServiceDatabaseProps) {
    super(scope, id);
    const { database } = props;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Postgres of the ${database} database`,
      allowAllOutbound: false,
    });
    for (const cidr of props.clientCidrs) {
      securityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(5432), 'EKS private subnet');
    }
    const parameters = new rds.ParameterGroup(this, 'Parameters', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_18_3 }),
      parameters: { 'rds.force_ssl': '1', log_min_duration_statement: '500' },
    });
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_18_3 }),
      instanceType: props.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [securityGroup],
      multiAz: true,
      databaseName: database,
      credentials: rds.Credentials.fromGeneratedSecret(`${database}_owner`, {
        secretName: `pocdojo/${database}/owner`,
        encryptionKey: props.key,
      }),
      parameterGroup: parameters,
      storageEncrypted: true,
      storageEncryptionKey: props.key,
      storageType: rds.StorageType.GP3,
      allocatedStorage: 50,
      maxAllocatedStorage: 500,
      backupRetention: Duration.days(14),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      autoMinorVersionUpgrade: true,
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: props.key,
      monitoringInterval: Duration.seconds(60),
      // Exported to CloudWatch natively; `cloudwatchLogsRetention` would add a Lambda, so retention is set in README.
      cloudwatchLogsExports: ['postgresql'],
      iamAuthentication: false,
    });
    this.ownerSecret = this.instance.secret!;
    this.appSecret = new secretsmanager.Secret(this, 'AppSecret', {
      secretName: `pocdojo/${database}/app`,
      description: `Application role of the ${database} database (row-level security applies to it)`,
      encryptionKey: props.key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: `${database}_app`, dbname: database }),
        generateStringKey: 'password',
        excludePunctuation: true,
        passwordLength: 40,
      },
    });
  }
}
