import { Duration, Stack, Tags } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { KarpenterNames } from '../k8s/karpenter.ts';

export interface KarpenterProps {
  cluster: eks.Cluster;
  /** The private subnets (one per zone) Karpenter launches nodes into; tagged for its discovery. */
  subnets: ec2.ISubnet[];
  /** Names shared with the NodePool/EC2NodeClass manifests (k8s/karpenter.ts). */
  names: KarpenterNames;
}

/**
 * What Karpenter needs from AWS (no Lambda, no kubectl provider; the controller
 * itself is a Helm chart applied by the deploy, see docs/operations.md):
 * the controller's role through Pod Identity (kube-system/karpenter), the
 * nodes' role with its EKS access entry, the interruption queue fed by
 * EventBridge (Spot interruptions, rebalance recommendations, instance state
 * changes, scheduled maintenance) so nodes are drained before they go, and the
 * discovery tag on the private subnets of every zone.
 */
export class Karpenter extends Construct {
  readonly controllerRole: iam.Role;
  readonly nodeRole: iam.Role;
  readonly interruptionQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    const { cluster, names } = props;
    const stack = Stack.of(this);
    for (const subnet of props.subnets) Tags.of(subnet).add(KarpenterNames.discoveryTag, names.discovery);

    this.nodeRole = new iam.Role(this, 'NodeRole', {
      roleName: names.nodeRole,
      description: 'Role of the EC2 nodes Karpenter launches',
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [
        'AmazonEKSWorkerNodePolicy',
        'AmazonEKS_CNI_Policy',
        'AmazonEC2ContainerRegistryPullOnly',
        'AmazonSSMManagedInstanceCore',
      ].map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    // Lets the nodes join the cluster (an access entry, not the aws-auth ConfigMap).
    new eks.AccessEntry(this, 'NodeAccess', {
      cluster,
      principal: this.nodeRole.roleArn,
      accessEntryType: eks.AccessEntryType.EC2_LINUX,
      accessPolicies: [],
    });

    this.interruptionQueue = new sqs.Queue(this, 'InterruptionQueue', {
      queueName: names.interruptionQueue,
      // Karpenter acts on an interruption within the two minutes' warning; older messages are useless.
      retentionPeriod: Duration.minutes(5),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const interruptions: Record<string, events.EventPattern> = {
      ScheduledChange: { source: ['aws.health'], detailType: ['AWS Health Event'] },
      SpotInterruption: { source: ['aws.ec2'], detailType: ['EC2 Spot Instance Interruption Warning'] },
      Rebalance: { source: ['aws.ec2'], detailType: ['EC2 Instance Rebalance Recommendation'] },
      InstanceStateChange: { source: ['aws.ec2'], detailType: ['EC2 Instance State-change Notification'] },
    };
    for (const [name, eventPattern] of Object.entries(interruptions)) {
      new events.Rule(this, `${name}Rule`, {
        eventPattern,
        targets: [new targets.SqsQueue(this.interruptionQueue)],
      });
    }

    this.controllerRole = new iam.Role(this, 'ControllerRole', {
      description: 'Pod Identity role of kube-system/karpenter',
      assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')),
    });
    new eks.CfnPodIdentityAssociation(this, 'ControllerAssociation', {
      clusterName: cluster.clusterName,
      namespace: KarpenterNames.namespace,
      serviceAccount: KarpenterNames.serviceAccount,
      roleArn: this.controllerRole.roleArn,
    });
    const region = stack.region;
    const statements = [
      // Launching: only into this region; instances and templates it creates carry the cluster's tag.
      new iam.PolicyStatement({
        sid: 'Launch',
        actions: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:RequestedRegion': region } },
      }),
      new iam.PolicyStatement({
        sid: 'TagOnLaunch',
        actions: ['ec2:CreateTags'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'aws:RequestedRegion': region,
            'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'],
          },
        },
      }),
      // Terminating and tidying up: only what carries this cluster's ownership tag.
      new iam.PolicyStatement({
        sid: 'TerminateOwn',
        actions: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate', 'ec2:CreateTags'],
        resources: ['*'],
        conditions: {
          StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${names.clusterName}`]: 'owned' },
        },
      }),
      new iam.PolicyStatement({
        sid: 'Describe',
        actions: [
          'ec2:DescribeAvailabilityZones',
          'ec2:DescribeImages',
          'ec2:DescribeInstances',
          'ec2:DescribeInstanceTypeOfferings',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplates',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSpotPriceHistory',
          'ec2:DescribeSubnets',
          'pricing:GetProducts',
        ],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'AmiParameters',
        actions: ['ssm:GetParameter'],
        resources: [`arn:${stack.partition}:ssm:${region}::parameter/aws/service/*`],
      }),
      new iam.PolicyStatement({ sid: 'PassNodeRole', actions: ['iam:PassRole'], resources: [this.nodeRole.roleArn] }),
      // Karpenter makes an instance profile per EC2NodeClass for the node role.
      new iam.PolicyStatement({
        sid: 'InstanceProfiles',
        actions: [
          'iam:CreateInstanceProfile',
          'iam:TagInstanceProfile',
          'iam:AddRoleToInstanceProfile',
          'iam:RemoveRoleFromInstanceProfile',
          'iam:DeleteInstanceProfile',
          'iam:GetInstanceProfile',
          'iam:ListInstanceProfiles',
        ],
        resources: ['*'],
      }),
      new iam.PolicyStatement({ sid: 'Cluster', actions: ['eks:DescribeCluster'], resources: [cluster.clusterArn] }),
    ];
    for (const statement of statements) this.controllerRole.addToPolicy(statement);
    this.interruptionQueue.grantConsumeMessages(this.controllerRole);
  }
}
