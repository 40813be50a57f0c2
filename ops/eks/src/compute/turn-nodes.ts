import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { TurnNodes, TurnPorts } from '../k8s/turn-server.ts';

/**
 * The node group of the TURN servers (dojo voice), alone: in the public subnets
 * of every zone, each node with a public address, labelled and tainted so that
 * only coturn lands there. Its security group opens the TURN port (UDP and TCP)
 * and the relay range to the internet and nothing else; IMDSv2 with a hop limit
 * of 1 keeps the instance credentials out of reach.
 */
export class TurnNodeGroup extends Construct {
  readonly nodegroup: eks.Nodegroup;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: { cluster: eks.Cluster; vpc: ec2.IVpc; subnets: ec2.ISubnet[] }) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'TURN (dojo voice): STUN/TURN and the relay range, from anywhere',
      allowAllOutbound: true,
    });
    for (const peer of [ec2.Peer.anyIpv4(), ec2.Peer.anyIpv6()]) {
      this.securityGroup.addIngressRule(peer, ec2.Port.udp(TurnPorts.listening), 'STUN/TURN over UDP');
      this.securityGroup.addIngressRule(peer, ec2.Port.tcp(TurnPorts.listening), 'TURN over TCP');
      this.securityGroup.addIngressRule(
        peer,
        ec2.Port.udpRange(TurnPorts.relayMin, TurnPorts.relayMax),
        'relayed media (UDP)',
      );
    }
    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      // With a launch template the node group adds no security group of its own: the cluster's, for the
      // kubelet and pod traffic, and the TURN one.
      securityGroup: this.securityGroup,
    });
    launchTemplate.connections.addSecurityGroup(props.cluster.clusterSecurityGroup);
    this.nodegroup = props.cluster.addNodegroupCapacity('TurnNodes', {
      subnets: { subnets: props.subnets },
      instanceTypes: [new ec2.InstanceType('c7i.large')],
      amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
      launchTemplateSpec: { id: launchTemplate.launchTemplateId!, version: launchTemplate.latestVersionNumber },
      // One per zone at least: a zone's loss keeps voice relayed through the others.
      minSize: props.subnets.length,
      desiredSize: props.subnets.length,
      maxSize: props.subnets.length * 3,
      labels: { [TurnNodes.labelKey]: TurnNodes.value },
      taints: [{ key: TurnNodes.labelKey, value: TurnNodes.value, effect: eks.TaintEffect.NO_SCHEDULE }],
      enableNodeAutoRepair: true,
    });
  }
}
