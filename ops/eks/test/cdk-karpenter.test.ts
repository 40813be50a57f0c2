import test from 'ava';
import { defaultDeployment } from '../src/deployment.ts';
import { resourcesOf, synthesize } from './helpers/synthesized-assembly.ts';

const { templates } = synthesize(defaultDeployment);
const compute = templates.compute;
const all = (type: string) => Object.entries(resourcesOf(compute, type));
const statementsOf = (roleLogicalId: string) =>
  all('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: any) => role.Ref === roleLogicalId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as any[]);

test('the cluster is named, so the nodes Karpenter launches find its security group by tag', (t) => {
  const [[, cluster]] = all('AWS::EKS::Cluster') as [[string, any]];
  t.is(cluster.Properties.Name, 'pocdojo-cluster');
});

test("Karpenter's controller gets its role through Pod Identity, as kube-system/karpenter", (t) => {
  const association = all('AWS::EKS::PodIdentityAssociation').find(
    ([, a]) => a.Properties.ServiceAccount === 'karpenter',
  )?.[1];
  t.is(association?.Properties.Namespace, 'kube-system');
  const roleId = association?.Properties.RoleArn['Fn::GetAtt'][0];
  const [, role] = all('AWS::IAM::Role').find(([id]) => id === roleId)!;
  t.is(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service, 'pods.eks.amazonaws.com');
  const statements = statementsOf(roleId);
  const actions = statements.flatMap((s) => [s.Action].flat());
  for (const action of [
    'ec2:RunInstances',
    'ec2:CreateFleet',
    'ec2:TerminateInstances',
    'iam:PassRole',
    'sqs:ReceiveMessage',
  ]) {
    t.true(actions.includes(action), action);
  }
  // It may pass the node role and nothing else, and terminate only instances of this cluster.
  const pass = statements.find((s) => s.Action === 'iam:PassRole');
  t.is(pass.Resource['Fn::GetAtt'][1], 'Arn');
  t.regex(pass.Resource['Fn::GetAtt'][0], /KarpenterNodeRole/);
  const terminate = statements.find((s) => [s.Action].flat().includes('ec2:TerminateInstances'));
  t.deepEqual(terminate.Condition, {
    StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/pocdojo-cluster': 'owned' },
  });
});

test('the nodes Karpenter launches join through an EC2 access entry with their own role', (t) => {
  const [, role] = all('AWS::IAM::Role').find(([id]) => /KarpenterNodeRole/.test(id))!;
  t.is(role.Properties.RoleName, 'PocDojo-KarpenterNode-sa-east-1');
  t.is(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service, 'ec2.amazonaws.com');
  const entry = all('AWS::EKS::AccessEntry').find(([, e]) => e.Properties.Type === 'EC2_LINUX')?.[1];
  t.regex(entry?.Properties.PrincipalArn['Fn::GetAtt'][0], /KarpenterNodeRole/);
});

test('the interruption queue receives Spot warnings, rebalances, state changes and scheduled maintenance', (t) => {
  const [[queueId, queue]] = all('AWS::SQS::Queue').filter(([id]) => /Karpenter/.test(id)) as [[string, any]];
  t.is(queue.Properties.QueueName, 'PocDojo-karpenter-interruption');
  t.is(queue.Properties.MessageRetentionPeriod, 300);
  const rules = all('AWS::Events::Rule').map(([, rule]) => rule.Properties);
  const detailTypes = rules
    .filter((rule) => rule.Targets.some((target: any) => target.Arn['Fn::GetAtt']?.[0] === queueId))
    .flatMap((rule) => rule.EventPattern['detail-type']);
  t.deepEqual(detailTypes.sort(), [
    'AWS Health Event',
    'EC2 Instance Rebalance Recommendation',
    'EC2 Instance State-change Notification',
    'EC2 Spot Instance Interruption Warning',
  ]);
  const policy = all('AWS::SQS::QueuePolicy').find(([, p]) => p.Properties.Queues[0].Ref === queueId)?.[1];
  const principals = policy?.Properties.PolicyDocument.Statement.map((s: any) => s.Principal?.Service).filter(Boolean);
  t.true(principals.includes('events.amazonaws.com'));
});

test('the private subnet of every zone carries the discovery tag', (t) => {
  const subnets = Object.values(resourcesOf(templates.network, 'AWS::EC2::Subnet')).filter((subnet) =>
    subnet.Properties.Tags.some((tag: any) => tag.Key === 'karpenter.sh/discovery' && tag.Value === 'pocdojo-cluster'),
  );
  t.deepEqual(subnets.map((s) => s.Properties.AvailabilityZone).sort(), ['sa-east-1a', 'sa-east-1b', 'sa-east-1c']);
  for (const subnet of subnets) {
    t.is(subnet.Properties.Tags.find((tag: any) => tag.Key === 'aws-cdk:subnet-type').Value, 'Private');
  }
});
