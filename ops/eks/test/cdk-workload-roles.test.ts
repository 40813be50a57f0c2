import test from 'ava';
import { resourcesOf, synthesize } from './helpers/synthesized-assembly.ts';

const { templates } = synthesize();
const roles = resourcesOf(templates.compute, 'AWS::IAM::Role');
const policies = Object.values(resourcesOf(templates.compute, 'AWS::IAM::Policy'));
const associations = Object.values(resourcesOf(templates.compute, 'AWS::EKS::PodIdentityAssociation'));

/** The statements of the role bound to `namespace/serviceAccount`, with resources stringified for matching. */
function statementsOf(serviceAccount: string) {
  const association = associations.find((a) => a.Properties.ServiceAccount === serviceAccount);
  if (!association) throw new Error(`no Pod Identity association for ${serviceAccount}`);
  const roleId = association.Properties.RoleArn['Fn::GetAtt'][0] as string;
  return policies
    .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .map((s: { Action: string | string[]; Resource: unknown }) => ({
      actions: [s.Action].flat(),
      resource: JSON.stringify(s.Resource),
    }));
}

/** Resources (by data-stack logical id fragment) on which the role may perform `action`. */
const allowed = (serviceAccount: string, action: string) =>
  statementsOf(serviceAccount)
    .filter((s) => s.actions.includes(action))
    .map((s) => s.resource);

const on = (resources: string[], fragment: string) => resources.some((r) => r.includes(fragment));

test('workload roles are assumable by EKS Pod Identity only', (t) => {
  for (const a of associations) {
    const roleId = a.Properties.RoleArn['Fn::GetAtt'][0] as string;
    const principals = roles[roleId].Properties.AssumeRolePolicyDocument.Statement.map(
      (s: { Principal: { Service: string } }) => s.Principal.Service,
    );
    t.deepEqual([...new Set(principals)], ['pods.eks.amazonaws.com'], a.Properties.ServiceAccount);
  }
  t.deepEqual(associations.map((a) => a.Properties.ServiceAccount).sort(), [
    'adot-collector',
    'dojo-engine',
    'external-secrets',
    'karpenter',
    'kata-runner',
    'keda-operator',
    'media-worker',
    'notifier',
    'platform-api',
    'search-indexer',
  ]);
});

test('platform-api sends to poc-events, media-jobs, dojo-events and notifications, consumes media-results and erasure-reports, reads and deletes media keys only', (t) => {
  const send = allowed('platform-api', 'sqs:SendMessage');
  t.true(on(send, 'EventspocEvents') && on(send, 'EventsmediaJobs'));
  // Its outbox also carries dojo settings changes and notification requests.
  t.true(on(send, 'EventsdojoEvents') && on(send, 'Eventsnotifications'));
  t.false(on(send, 'EventsmediaResults'));
  t.true(on(allowed('platform-api', 'sqs:ReceiveMessage'), 'EventsmediaResults'));
  t.true(on(allowed('platform-api', 'sqs:ReceiveMessage'), 'EventserasureReports'));
  t.is(allowed('platform-api', 'sqs:ReceiveMessage').length, 2);
  const read = allowed('platform-api', 's3:GetObject');
  t.true(read.every((r) => r.includes('/tenants/*')));
  // Deleted accounts' files, expired exports and erased teams: under tenants/ only, listing included.
  const deletes = allowed('platform-api', 's3:DeleteObject');
  t.true(deletes.length > 0 && deletes.every((r) => r.includes('/tenants/*')));
  t.deepEqual(allowed('platform-api', 's3:PutObject'), []);
});

test('the KEDA operator may only read the media-jobs queue attributes (to scale media-worker)', (t) => {
  const keda = policies.filter((p) => JSON.stringify(p.Properties.Roles).includes('kedaoperator'));
  const statements = keda.flatMap((p) => p.Properties.PolicyDocument.Statement);
  t.deepEqual(
    statements.map((s: any) => s.Action),
    ['sqs:GetQueueAttributes'],
  );
  t.regex(JSON.stringify(statements[0].Resource), /EventsmediaJobs/);
});

test('search-indexer only consumes poc-events and reports erasures', (t) => {
  const statements = statementsOf('search-indexer');
  const actions = new Set(statements.flatMap((s) => s.actions));
  t.deepEqual(
    // kms:GenerateDataKey: its erasure reports go to an encrypted queue.
    [...actions].filter((a) => !a.startsWith('sqs:') && a !== 'kms:Decrypt' && a !== 'kms:GenerateDataKey'),
    [],
  );
  const sent = allowed('search-indexer', 'sqs:SendMessage');
  t.is(sent.length, 1);
  t.true(on(sent, 'EventserasureReports'));
  const receive = allowed('search-indexer', 'sqs:ReceiveMessage');
  t.is(receive.length, 1);
  t.true(on(receive, 'EventspocEvents'));
});

test('media-worker consumes media-jobs, sends media-results and erasure reports, writes and deletes under tenants/* only', (t) => {
  t.true(on(allowed('media-worker', 'sqs:ReceiveMessage'), 'EventsmediaJobs'));
  t.is(allowed('media-worker', 'sqs:ReceiveMessage').length, 1);
  const send = allowed('media-worker', 'sqs:SendMessage');
  t.is(send.length, 2);
  t.true(on(send, 'EventsmediaResults'));
  t.true(on(send, 'EventserasureReports'));
  const put = allowed('media-worker', 's3:PutObject');
  t.true(put.length > 0);
  t.true(put.every((r) => r.includes('/tenants/*')));
  const deletes = allowed('media-worker', 's3:DeleteObject');
  t.true(deletes.length > 0 && deletes.every((r) => r.includes('/tenants/*')), 'an erased team’s prefix only');
});

test('no workload role has a wildcard action or resource', (t) => {
  for (const account of [
    'platform-api',
    'search-indexer',
    'media-worker',
    'external-secrets',
    'dojo-engine',
    'kata-runner',
    'notifier',
  ]) {
    for (const s of statementsOf(account)) {
      t.false(
        s.actions.some((a) => a.endsWith('*')),
        `${account}: ${s.actions.join(',')}`,
      );
      t.not(s.resource, '"*"', `${account}: ${s.actions.join(',')}`);
    }
  }
});

test('dojo-engine sends test runs and reads their results; kata-runner the reverse, and nothing else', (t) => {
  t.deepEqual(allowed('dojo-engine', 'sqs:SendMessage').length, 2);
  t.true(on(allowed('dojo-engine', 'sqs:SendMessage'), 'EventskataRunRequests'));
  t.true(on(allowed('dojo-engine', 'sqs:SendMessage'), 'EventserasureReports'));
  t.true(on(allowed('dojo-engine', 'sqs:ReceiveMessage'), 'EventskataRunResults'));
  // Settings changes for its live rooms (platform-api → dojo-events).
  t.true(on(allowed('dojo-engine', 'sqs:ReceiveMessage'), 'EventsdojoEvents'));
  t.is(allowed('kata-runner', 'sqs:ReceiveMessage').length, 1);
  t.true(on(allowed('kata-runner', 'sqs:ReceiveMessage'), 'EventskataRunRequests'));
  t.is(allowed('kata-runner', 'sqs:SendMessage').length, 1);
  t.true(on(allowed('kata-runner', 'sqs:SendMessage'), 'EventskataRunResults'));
  const actions = new Set(statementsOf('kata-runner').flatMap((s) => s.actions));
  t.deepEqual(
    [...actions].filter((a) => !a.startsWith('sqs:') && !a.startsWith('kms:')),
    [],
    'kata-runner may touch nothing but its queues',
  );
});

test('the external secrets operator reads the database, Redis and shared secrets', (t) => {
  const secrets = allowed('external-secrets', 'secretsmanager:GetSecretValue');
  t.is(secrets.length, 1);
  for (const fragment of [
    'platformDatabase',
    'dojoDatabase',
    'DojoRedis',
    'ServiceSecretsInternalToken',
    'ServiceSecretsJwtSigningKey',
    'ServiceSecretsMeilisearchKey',
  ])
    t.true(on(secrets, fragment), fragment);
});

test('network policies are enforced by the VPC CNI and Pod Identity has its agent', (t) => {
  const addons = Object.values(resourcesOf(templates.compute, 'AWS::EKS::Addon'));
  const cni = addons.find((a) => a.Properties.AddonName === 'vpc-cni');
  t.regex(String(cni?.Properties.ConfigurationValues), /"enableNetworkPolicy":"true"/);
  // EKS installs vpc-cni with the cluster: without OVERWRITE the add-on fails with ConfigurationConflict.
  t.is(cni?.Properties.ResolveConflicts, 'OVERWRITE');
  t.truthy(addons.find((a) => a.Properties.AddonName === 'eks-pod-identity-agent'));
});

test('notifier consumes its two queues, sends e-mail only through its SES identity and configuration set, pushes only through its two SNS applications', (t) => {
  const received = allowed('notifier', 'sqs:ReceiveMessage');
  t.is(received.length, 2);
  t.true(on(received, 'Eventsnotifications'));
  t.true(on(received, 'EventssesFeedback'));
  const sent = allowed('notifier', 'sqs:SendMessage');
  t.is(sent.length, 1);
  t.true(on(sent, 'EventserasureReports'), 'only its erasure reports');
  const mail = allowed('notifier', 'ses:SendEmail');
  t.is(mail.length, 1);
  t.regex(
    mail[0]!,
    /:ses:sa-east-1:111111111111:identity\/",\{"Fn::ImportValue":"PocDojo-Data:ExportsOutputRefNotificationsMailDomain/,
  );
  t.regex(
    mail[0]!,
    /:configuration-set\/",\{"Fn::ImportValue":"PocDojo-Data:ExportsOutputRefNotificationsConfigurationSet/,
  );
  t.is(JSON.parse(mail[0]!).length, 2, 'that identity and that configuration set, nothing else');
  const endpoints = allowed('notifier', 'sns:CreatePlatformEndpoint');
  t.is(endpoints.length, 1);
  t.regex(endpoints[0]!, /app\/APNS\/pocdojo-apns/);
  t.regex(endpoints[0]!, /app\/GCM\/pocdojo-fcm/);
  const publish = allowed('notifier', 'sns:Publish');
  t.is(publish.length, 1);
  t.regex(publish[0]!, /endpoint\/APNS\/pocdojo-apns\/\*/);
  t.regex(publish[0]!, /endpoint\/GCM\/pocdojo-fcm\/\*/);
  t.notRegex(publish[0]!, /topic|:\*"/, 'no topic, no account-wide publish');
  t.deepEqual(allowed('notifier', 's3:GetObject'), []);
  t.deepEqual(allowed('notifier', 'secretsmanager:GetSecretValue'), [], 'push credentials reach SNS, not the pod');
});
