import test from 'ava';
import { defaultDeployment } from '../src/deployment.ts';
import { resourcesOf, synthesize } from './helpers/synthesized-assembly.ts';

const { templates } = synthesize();
const zones = ['sa-east-1a', 'sa-east-1b', 'sa-east-1c'];

const subnets = resourcesOf(templates.network, 'AWS::EC2::Subnet');
const tierOf = (props: Record<string, any>) =>
  props.Tags.find((tag: { Key: string }) => tag.Key === 'aws-cdk:subnet-type').Value as string;

test('the committed AZ lookup gives three zones (not CDK dummies)', (t) => {
  t.is(defaultDeployment.zones, 3);
  t.deepEqual([...new Set(Object.values(subnets).map((s) => s.Properties.AvailabilityZone))].sort(), zones);
});

test('public, private and isolated subnets exist in every zone', (t) => {
  for (const tier of ['Public', 'Private', 'Isolated']) {
    const inTier = Object.values(subnets).filter((s) => tierOf(s.Properties) === tier);
    t.deepEqual(inTier.map((s) => s.Properties.AvailabilityZone).sort(), zones, tier);
  }
});

test('one NAT gateway per zone, and VPC endpoints for S3, SQS and ECR', (t) => {
  t.notThrows(() => templates.network.resourceCountIs('AWS::EC2::NatGateway', zones.length));
  const endpoints = Object.values(resourcesOf(templates.network, 'AWS::EC2::VPCEndpoint')).map((e) =>
    JSON.stringify(e.Properties.ServiceName),
  );
  for (const service of ['.s3', 'sqs', 'ecr.api', 'ecr.dkr']) {
    t.true(
      endpoints.some((name) => name.includes(service)),
      `no ${service} endpoint in ${endpoints.join(' ')}`,
    );
  }
});

test('each service database is an RDS Multi-AZ instance in the isolated subnets', (t) => {
  const instances = Object.values(resourcesOf(templates.data, 'AWS::RDS::DBInstance'));
  t.is(instances.length, 3);
  for (const db of instances) {
    t.true(db.Properties.MultiAZ);
    t.true(db.Properties.StorageEncrypted);
    t.is(db.Properties.Engine, 'postgres');
  }
  const subnetGroups = Object.values(resourcesOf(templates.data, 'AWS::RDS::DBSubnetGroup'));
  for (const group of subnetGroups) {
    t.is(group.Properties.SubnetIds.length, zones.length);
    t.regex(JSON.stringify(group.Properties.SubnetIds), /isolated/i);
  }
});

test('the dojo Redis fails over automatically across zones', (t) => {
  const [redis] = Object.values(resourcesOf(templates.data, 'AWS::ElastiCache::ReplicationGroup'));
  t.true(redis.Properties.MultiAZEnabled);
  t.true(redis.Properties.AutomaticFailoverEnabled);
  t.is(redis.Properties.NumCacheClusters, zones.length);
  t.true(redis.Properties.TransitEncryptionEnabled);
  t.true(redis.Properties.AtRestEncryptionEnabled);
});

test('one managed node group per zone, each on that zone private subnet', (t) => {
  const privateSubnetIds = Object.entries(subnets)
    .filter(([, s]) => tierOf(s.Properties) === 'Private')
    .map(([id, s]) => ({ id, zone: s.Properties.AvailabilityZone as string }));
  // The per-zone groups of the services (kata-runner's sandbox group spans every zone: kata-runner-manifests.test.ts).
  const nodegroups = Object.values(resourcesOf(templates.compute, 'AWS::EKS::Nodegroup')).filter(
    (group) => !group.Properties.Taints,
  );
  const covered = nodegroups.map((group) => {
    t.is(group.Properties.Subnets.length, 1);
    // Cross-stack references import the network stack's exports, named after the subnet's logical id.
    const reference = JSON.stringify(group.Properties.Subnets[0]);
    const subnet = privateSubnetIds.find((s) => reference.includes(s.id));
    t.truthy(subnet, `node group subnet ${reference} is not a private subnet`);
    return subnet?.zone;
  });
  t.deepEqual(covered.sort(), zones);
});

test('the cluster control plane spans the private subnets of every zone', (t) => {
  const [cluster] = Object.values(resourcesOf(templates.compute, 'AWS::EKS::Cluster'));
  const ids = JSON.stringify(cluster.Properties.ResourcesVpcConfig.SubnetIds);
  t.is(cluster.Properties.ResourcesVpcConfig.SubnetIds.length, zones.length);
  t.notRegex(ids, /public/i);
});

test('with POCDOJO_ZONES=2 every per-zone resource follows: two of each', (t) => {
  const two = synthesize({ ...defaultDeployment, zones: 2 }).templates;
  const azs = new Set(
    Object.values(resourcesOf(two.network, 'AWS::EC2::Subnet')).map((s) => s.Properties.AvailabilityZone),
  );
  t.deepEqual([...azs].sort(), zones.slice(0, 2));
  t.is(Object.keys(resourcesOf(two.network, 'AWS::EC2::NatGateway')).length, 2);
  t.is(
    Object.values(resourcesOf(two.compute, 'AWS::EKS::Nodegroup')).filter((group) => !group.Properties.Taints).length,
    2,
  );
  const [redis] = Object.values(resourcesOf(two.data, 'AWS::ElastiCache::ReplicationGroup'));
  t.is(redis.Properties.NumCacheClusters, 2);
  t.true(redis.Properties.AutomaticFailoverEnabled);
});
