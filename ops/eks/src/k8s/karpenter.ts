import type { DeploymentSettings } from '../deployment.ts';
import type { KubeObject } from './kube-object.ts';

/** Names the CDK construct (compute/karpenter.ts) and these manifests share, derived from the deployment. */
export interface KarpenterNames {
  clusterName: string;
  /** Value of the `karpenter.sh/discovery` tag on the private subnets. */
  discovery: string;
  nodeRole: string;
  interruptionQueue: string;
  /** The availability zones nodes may be launched in (all of the deployment's). */
  zones: string[];
}

export const KarpenterNames = {
  discoveryTag: 'karpenter.sh/discovery',
  namespace: 'kube-system',
  serviceAccount: 'karpenter',
  of(settings: DeploymentSettings, zones: string[]): KarpenterNames {
    const clusterName = `${settings.stackPrefix.toLowerCase()}-cluster`;
    return {
      clusterName,
      discovery: clusterName,
      nodeRole: `${settings.stackPrefix}-KarpenterNode-${settings.region}`,
      interruptionQueue: `${settings.stackPrefix}-karpenter-interruption`,
      zones,
    };
  },
} as const;

/** A custom resource (Karpenter's CRDs are not in kubernetes-models): checked for the fields this file relies on. */
function customObject(
  apiVersion: string,
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  check: () => void,
): KubeObject {
  const object = { apiVersion, kind, metadata: { name }, spec };
  return { ...object, validate: check, toJSON: () => object };
}

/**
 * The general-purpose nodes Karpenter provisions: on-demand and Spot x86_64
 * (the images carry native modules built for amd64), current generations,
 * spread over every zone of the deployment, consolidated when under-used. The
 * managed node groups stay as the floor the controller itself runs on.
 */
export function karpenterObjects(names: KarpenterNames): KubeObject[] {
  const nodeClass = customObject(
    'karpenter.k8s.aws/v1',
    'EC2NodeClass',
    'default',
    {
      role: names.nodeRole,
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      subnetSelectorTerms: [{ tags: { [KarpenterNames.discoveryTag]: names.discovery } }],
      // The cluster security group EKS creates carries this tag (it cannot be tagged from CloudFormation).
      securityGroupSelectorTerms: [{ tags: { 'aws:eks:cluster-name': names.clusterName } }],
      // IMDSv2 only, one hop: a pod cannot borrow the node's credentials.
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: '50Gi', volumeType: 'gp3', encrypted: true } },
      ],
    },
    () => {
      if (!names.nodeRole) throw new Error('EC2NodeClass needs the node role');
    },
  );
  const nodePool = customObject(
    'karpenter.sh/v1',
    'NodePool',
    'general',
    {
      template: {
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
          requirements: [
            { key: 'topology.kubernetes.io/zone', operator: 'In', values: names.zones },
            { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
            { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
            { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['5'] },
          ],
          expireAfter: '720h',
        },
      },
      limits: { cpu: '200', memory: '800Gi' },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '2m' },
    },
    () => {
      if (names.zones.length < 2) throw new Error(`NodePool needs at least two zones, got ${names.zones.join(', ')}`);
    },
  );
  return [nodeClass, nodePool];
}
