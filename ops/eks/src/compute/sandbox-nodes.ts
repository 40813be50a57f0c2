import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { SandboxNodes } from '../k8s/kata-runner.ts';

/** gVisor release the nodes install (checked against its published SHA-512); pin a dated release to freeze it. */
export const gvisorRelease = 'latest';

/** Installs gVisor's runsc and its containerd shim before the node joins (AL2023: a shell part, then nodeadm). */
const installGvisor = [
  'set -euo pipefail',
  `base=https://storage.googleapis.com/gvisor/releases/release/${gvisorRelease}/$(uname -m)`,
  'cd /tmp',
  'for f in runsc containerd-shim-runsc-v1; do curl -fsSLO "$base/$f" -O "$base/$f.sha512"; sha512sum -c "$f.sha512"; done',
  'install -m 0755 runsc containerd-shim-runsc-v1 /usr/local/bin/',
].join('\n');

/** nodeadm merges this into containerd's configuration: the `runsc` handler of the `gvisor` RuntimeClass. */
const nodeConfig = `apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  containerd:
    config: |
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc]
        runtime_type = "io.containerd.runsc.v1"
`;

/**
 * The node group of kata-runner alone: labelled and tainted so that only pods tolerating the taint (the
 * runner's) land there, with gVisor installed, in every private subnet. Nodes have IMDSv2 with a hop limit
 * of 1, so a pod cannot reach the node's instance credentials.
 */
export class SandboxNodeGroup extends Construct {
  readonly nodegroup: eks.Nodegroup;

  constructor(scope: Construct, id: string, props: { cluster: eks.Cluster; subnets: ec2.ISubnet[] }) {
    super(scope, id);
    const userData = new ec2.MultipartUserData();
    userData.addPart(ec2.MultipartBody.fromUserData(ec2.UserData.custom(`#!/bin/bash\n${installGvisor}\n`)));
    userData.addPart(ec2.MultipartBody.fromRawBody({ contentType: 'application/node.eks.aws', body: nodeConfig }));
    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      userData,
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
    });
    this.nodegroup = props.cluster.addNodegroupCapacity('SandboxNodes', {
      subnets: { subnets: props.subnets },
      instanceTypes: [new ec2.InstanceType('c7i.xlarge')],
      amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
      launchTemplateSpec: { id: launchTemplate.launchTemplateId!, version: launchTemplate.latestVersionNumber },
      minSize: 2,
      desiredSize: 3,
      maxSize: 20,
      labels: { [SandboxNodes.labelKey]: SandboxNodes.value },
      taints: [{ key: SandboxNodes.labelKey, value: SandboxNodes.value, effect: eks.TaintEffect.NO_SCHEDULE }],
      enableNodeAutoRepair: true,
    });
  }
}
