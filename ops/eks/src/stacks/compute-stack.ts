import { Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { SandboxNodeGroup } from '../compute/sandbox-nodes.ts';
import { TraceSearch } from '../compute/trace-search.ts';
import { TurnNodeGroup } from '../compute/turn-nodes.ts';
import { WorkloadRoles } from '../compute/workload-roles.ts';
import type { DataStack } from './data-stack.ts';

export interface ComputeStackProps extends StackProps {
  vpc: ec2.IVpc;
  data: DataStack;
  namespace: string;
  /** Who may reach the Kubernetes API from outside the VPC; none: a private endpoint only. */
  apiAllowedCidrs: string[];
}

/**
 * The EKS cluster (aws-eks-v2: native CloudFormation, no kubectl Lambda), one
 * managed node group per zone on that zone's private subnet (so the cluster
 * autoscaler can balance zones and a zone outage takes only its own group),
 * the add-ons the manifests rely on, and the Pod Identity roles.
 */
export class ComputeStack extends Stack {
  readonly cluster: eks.Cluster;
  readonly nodegroups: eks.Nodegroup[] = [];
  readonly workloadRoles: WorkloadRoles;
  readonly sandboxNodes: SandboxNodeGroup;
  readonly turnNodes: TurnNodeGroup;

  constructor(scope: Construct, id: string, props: ComputeStackProps) {
    super(scope, id, props);
    const secretsKey = new kms.Key(this, 'SecretsKey', {
      description: 'Envelope encryption of Kubernetes Secrets in etcd',
      enableKeyRotation: true,
    });
    this.cluster = new eks.Cluster(this, 'Cluster', {
      // In standard support through 2027; move one minor version at a time.
      version: eks.KubernetesVersion.V1_36,
      vpc: props.vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      endpointAccess:
        props.apiAllowedCidrs.length > 0
          ? eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...props.apiAllowedCidrs)
          : eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: secretsKey,
      clusterLogging: [
        eks.ClusterLoggingTypes.API,
        eks.ClusterLoggingTypes.AUDIT,
        eks.ClusterLoggingTypes.AUTHENTICATOR,
      ],
    });

    const privateSubnets = props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnets;
    for (const subnet of privateSubnets) {
      this.nodegroups.push(
        this.cluster.addNodegroupCapacity(`Nodes-${subnet.availabilityZone}`, {
          subnets: { subnets: [subnet] },
          // x86_64: the images carry native modules (canvas, ffmpeg) installed for the build machine's architecture.
          instanceTypes: [new ec2.InstanceType('m7i.large')],
          amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
          minSize: 1,
          desiredSize: 2,
          maxSize: 6,
          diskSize: 50,
          labels: { 'pocdojo.dev/zone': subnet.availabilityZone },
          enableNodeAutoRepair: true,
        }),
      );
    }

    // kata-runner's nodes: gVisor, a taint of their own, nothing else scheduled there.
    this.sandboxNodes = new SandboxNodeGroup(this, 'Sandbox', { cluster: this.cluster, subnets: privateSubnets });

    // coturn's nodes (dojo voice): public subnets, public addresses, a taint of their own.
    this.turnNodes = new TurnNodeGroup(this, 'Turn', {
      cluster: this.cluster,
      vpc: props.vpc,
      subnets: props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PUBLIC }).subnets,
    });

    // vpc-cni enforces NetworkPolicy objects only when asked to. EKS installs vpc-cni itself when it creates
    // the cluster, so creating the add-on with a configuration fails with ConfigurationConflict unless
    // CloudFormation is allowed to take the existing fields over (OVERWRITE).
    new eks.CfnAddon(this, 'VpcCni', {
      clusterName: this.cluster.clusterName,
      addonName: 'vpc-cni',
      resolveConflicts: 'OVERWRITE',
      configurationValues: JSON.stringify({ enableNetworkPolicy: 'true' }),
    });
    new eks.Addon(this, 'PodIdentityAgent', { cluster: this.cluster, addonName: 'eks-pod-identity-agent' });

    // EBS volumes for Meilisearch's index (the only PersistentVolumeClaim in the manifests).
    const ebsCsiRole = new iam.Role(this, 'EbsCsiRole', {
      description: 'Pod Identity role of kube-system/ebs-csi-controller-sa',
      assumedBy: new iam.SessionTagsPrincipal(new iam.ServicePrincipal('pods.eks.amazonaws.com')),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEBSCSIDriverPolicy')],
    });
    new eks.CfnAddon(this, 'EbsCsiDriver', {
      clusterName: this.cluster.clusterName,
      addonName: 'aws-ebs-csi-driver',
      podIdentityAssociations: [{ serviceAccount: 'ebs-csi-controller-sa', roleArn: ebsCsiRole.roleArn }],
    });

    new TraceSearch(this, 'TraceSearch');
    this.workloadRoles = new WorkloadRoles(this, 'WorkloadRoles', {
      clusterName: this.cluster.clusterName,
      namespace: props.namespace,
      queues: props.data.events.queues,
      bucket: props.data.media.bucket,
      dataKey: props.data.key,
      secrets: [
        ...Object.values(props.data.databases).flatMap((db) => [db.ownerSecret, db.appSecret]),
        props.data.redis.authSecret,
        ...props.data.serviceSecrets.all,
      ],
    });

    // Operators assume this role to run kubectl; access is granted by an EKS access entry, not aws-auth.
    const admin = new iam.Role(this, 'ClusterAdmin', {
      description: 'kubectl access to the PocDojo cluster',
      assumedBy: new iam.AccountRootPrincipal(),
    });
    this.cluster.grantAccess('ClusterAdminAccess', admin.roleArn, [
      eks.AccessPolicy.fromAccessPolicyName('AmazonEKSClusterAdminPolicy', {
        accessScopeType: eks.AccessScopeType.CLUSTER,
      }),
    ]);
  }
}
