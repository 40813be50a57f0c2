import test from 'ava';
import { Match } from 'aws-cdk-lib/assertions';
import { Queues } from '../../../common/src/contracts/events.ts';
import { KataRunQueues } from '../../../common/src/contracts/kata-runs.ts';
import { defaultDeployment, mediaBucketName } from '../src/deployment.ts';
import { QueueNames } from '../src/services.ts';
import { resourcesOf, synthesize } from './helpers/synthesized-assembly.ts';

const { stacks, templates } = synthesize();

test('platform and dojo each have their own owner and app credentials in Secrets Manager', (t) => {
  const secrets = Object.values(resourcesOf(templates.data, 'AWS::SecretsManager::Secret')).map(
    (s) => s.Properties.Name,
  );
  for (const name of ['pocdojo/platform/owner', 'pocdojo/platform/app', 'pocdojo/dojo/owner', 'pocdojo/dojo/app']) {
    t.true(secrets.includes(name), `${name} missing from ${secrets.join(', ')}`);
  }
  const instances = Object.values(resourcesOf(templates.data, 'AWS::RDS::DBInstance'));
  t.deepEqual(instances.map((db) => db.Properties.DBName).sort(), ['dojo', 'notifier', 'platform']);
  // Each instance's master password resolves from a different secret.
  const passwordSources = instances.map((db) => JSON.stringify(db.Properties.MasterUserPassword));
  t.is(new Set(passwordSources).size, 3);
  for (const db of instances) {
    t.regex(JSON.stringify(db.Properties.MasterUsername), new RegExp(`${db.Properties.DBName}_owner`));
  }
});

test('Postgres accepts TLS connections only', (t) => {
  t.notThrows(() =>
    templates.data.resourcePropertiesCountIs(
      'AWS::RDS::DBParameterGroup',
      { Parameters: Match.objectLike({ 'rds.force_ssl': '1' }) },
      3,
    ),
  );
});

test('the queues are the ones the services use, each with a DLQ after 5 receives and KMS', (t) => {
  t.deepEqual(QueueNames, {
    ...Queues,
    kataRunRequests: KataRunQueues.requests,
    kataRunResults: KataRunQueues.results,
    // Not an event of ours: SES bounces and complaints, through SNS, for notifier.
    sesFeedback: 'ses-feedback',
  });
  const queues = resourcesOf(templates.data, 'AWS::SQS::Queue');
  const byName = new Map(Object.entries(queues).map(([id, q]) => [q.Properties.QueueName as string, { id, ...q }]));
  for (const name of Object.values(QueueNames)) {
    const queue = byName.get(name);
    const dlq = byName.get(`${name}-dlq`);
    t.truthy(queue, name);
    t.truthy(dlq, `${name}-dlq`);
    t.is(queue?.Properties.RedrivePolicy.maxReceiveCount, 5);
    t.deepEqual(queue?.Properties.RedrivePolicy.deadLetterTargetArn, { 'Fn::GetAtt': [dlq?.id, 'Arn'] });
    for (const q of [queue, dlq])
      t.truthy(q?.Properties.KmsMasterKeyId, `${q?.Properties.QueueName} not KMS-encrypted`);
  }
  // enforceSSL: every queue denies non-TLS access.
  t.notThrows(() =>
    templates.data.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
      // Every queue and its DLQ.
      2 * Object.keys(QueueNames).length,
    ),
  );
});

test('the media bucket is KMS-encrypted, private, TLS-only, named for the manifests and has lifecycle rules', (t) => {
  const [bucket] = Object.values(resourcesOf(templates.data, 'AWS::S3::Bucket'));
  t.is(bucket.Properties.BucketName, mediaBucketName(defaultDeployment));
  t.is(
    bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    'aws:kms',
  );
  t.deepEqual(bucket.Properties.PublicAccessBlockConfiguration, {
    BlockPublicAcls: true,
    BlockPublicPolicy: true,
    IgnorePublicAcls: true,
    RestrictPublicBuckets: true,
  });
  t.true(bucket.Properties.LifecycleConfiguration.Rules.length >= 2);
  t.notThrows(() =>
    templates.data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    }),
  );
});

test('the web app is served by CloudFront from a private bucket through Origin Access Control', (t) => {
  const [site] = Object.values(resourcesOf(templates.site, 'AWS::S3::Bucket'));
  t.true(site.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets);
  t.is(site.Properties.BucketName, `pocdojo-web-${defaultDeployment.account}-sa-east-1`);
  const [policy] = Object.values(resourcesOf(templates.site, 'AWS::S3::BucketPolicy'));
  const grant = policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'CloudFrontOriginAccessControl');
  t.deepEqual(grant.Principal, { Service: 'cloudfront.amazonaws.com' });
  t.deepEqual(grant.Action, 's3:GetObject');
  t.notThrows(() => templates.web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1));
  const [distribution] = Object.values(resourcesOf(templates.web, 'AWS::CloudFront::Distribution'));
  const config = distribution.Properties.DistributionConfig;
  t.truthy(config.Origins[0].OriginAccessControlId);
  t.is(config.Origins[0].DomainName, `pocdojo-web-${defaultDeployment.account}-sa-east-1.s3.sa-east-1.amazonaws.com`);
  t.is(config.DefaultCacheBehavior.ViewerProtocolPolicy, 'redirect-to-https');
  t.true(config.DefaultCacheBehavior.Compress, 'brotli/gzip for the page and everything else');
});

test('hashed assets are compressed and cached for a year, immutable', (t) => {
  const [distribution] = Object.values(resourcesOf(templates.web, 'AWS::CloudFront::Distribution'));
  const assets = distribution.Properties.DistributionConfig.CacheBehaviors.find(
    (b: any) => b.PathPattern === '/assets/*',
  );
  t.true(assets?.Compress);
  t.is(assets?.CachePolicyId, '658327ea-f89d-4fab-a63d-7e88639e58f6', 'CachingOptimized (keys on Accept-Encoding)');
  const policies = Object.values(resourcesOf(templates.web, 'AWS::CloudFront::ResponseHeadersPolicy'));
  const cacheControl = policies
    .flatMap((p: any) => p.Properties.ResponseHeadersPolicyConfig.CustomHeadersConfig?.Items ?? [])
    .find((h: any) => h.Header === 'Cache-Control');
  t.deepEqual(cacheControl, { Header: 'Cache-Control', Value: 'public, max-age=31536000, immutable', Override: true });
});

test('the product domain: a DNS-validated certificate, the API behind /v1 uncached, a WAF in front, all in us-east-1', (t) => {
  t.is(stacks.web.region, 'us-east-1');
  const [certificate] = Object.values(resourcesOf(templates.web, 'AWS::CertificateManager::Certificate'));
  t.is(certificate.Properties.DomainName, defaultDeployment.publicHost);
  t.is(certificate.Properties.ValidationMethod, 'DNS');
  const [distribution] = Object.values(resourcesOf(templates.web, 'AWS::CloudFront::Distribution'));
  const config = distribution.Properties.DistributionConfig;
  t.deepEqual(config.Aliases, [defaultDeployment.publicHost]);
  t.is(config.ViewerCertificate.MinimumProtocolVersion, 'TLSv1.2_2021');
  t.truthy(config.WebACLId);
  const api = config.Origins.find((o: any) => o.DomainName === `api.${defaultDeployment.publicHost}`);
  t.is(api?.CustomOriginConfig.OriginProtocolPolicy, 'https-only');
  const behaviors = config.CacheBehaviors.filter((b: any) => b.TargetOriginId === api.Id);
  t.deepEqual(behaviors.map((b: any) => b.PathPattern).sort(), ['/.well-known/*', '/v1/*']);
  for (const b of behaviors) {
    t.is(b.CachePolicyId, '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', 'CachingDisabled');
    t.true(b.AllowedMethods.includes('POST') && b.AllowedMethods.includes('DELETE'));
  }
  const [acl] = Object.values(resourcesOf(templates.web, 'AWS::WAFv2::WebACL'));
  t.is(acl.Properties.Scope, 'CLOUDFRONT');
  const names = acl.Properties.Rules.map((r: any) => r.Name);
  for (const group of [
    'AWSManagedRulesCommonRuleSet',
    'AWSManagedRulesKnownBadInputsRuleSet',
    'AWSManagedRulesAmazonIpReputationList',
  ]) {
    t.true(names.includes(group), group);
  }
  const rate = acl.Properties.Rules.find((r: any) => r.Statement.RateBasedStatement);
  t.deepEqual(rate.Action, { Block: {} });
  t.is(rate.Statement.RateBasedStatement.AggregateKeyType, 'IP');
});

test('one ECR repository per service, immutable tags and scan on push', (t) => {
  const repositories = Object.values(resourcesOf(templates.registry, 'AWS::ECR::Repository'));
  t.deepEqual(repositories.map((r) => r.Properties.RepositoryName).sort(), [
    'pocdojo/dojo-engine',
    'pocdojo/kata-runner',
    'pocdojo/media-worker',
    'pocdojo/notifier',
    'pocdojo/platform-api',
    'pocdojo/search-indexer',
  ]);
  for (const r of repositories) {
    t.is(r.Properties.ImageTagMutability, 'IMMUTABLE');
    t.true(r.Properties.ImageScanningConfiguration.ScanOnPush);
  }
});

test('Postgres and Redis accept connections only from the private (EKS) subnets, on their own port', (t) => {
  const privateCidrs = Object.values(resourcesOf(templates.network, 'AWS::EC2::Subnet'))
    .filter((s) => s.Properties.Tags.some((tag: any) => tag.Key === 'aws-cdk:subnet-type' && tag.Value === 'Private'))
    .map((s) => s.Properties.CidrBlock)
    .sort();
  t.is(privateCidrs.length, 3);
  const groups = Object.entries(resourcesOf(templates.data, 'AWS::EC2::SecurityGroup'));
  const expectations = { platformDatabase: 5432, dojoDatabase: 5432, DojoRedis: 6379 };
  for (const [prefix, port] of Object.entries(expectations)) {
    const [, group] = groups.find(([id]) => id.startsWith(prefix)) ?? [];
    const ingress = group?.Properties.SecurityGroupIngress ?? [];
    t.deepEqual(ingress.map((rule: any) => rule.CidrIp).sort(), privateCidrs, prefix);
    t.true(
      ingress.every((rule: any) => rule.FromPort === port && rule.ToPort === port),
      prefix,
    );
  }
});

test('notifier: SES identity and configuration set publishing bounces and complaints through SNS to its feedback queue', (t) => {
  const identities = Object.values(resourcesOf(templates.data, 'AWS::SES::EmailIdentity'));
  t.is(identities.length, 1);
  t.is(identities[0].Properties.EmailIdentity, 'pocdojo.example.com');
  t.is(identities[0].Properties.ConfigurationSetAttributes.ConfigurationSetName.Ref !== undefined, true);
  const sets = Object.values(resourcesOf(templates.data, 'AWS::SES::ConfigurationSet'));
  t.deepEqual(
    sets.map((s) => s.Properties.Name),
    ['pocdojo-notifications'],
  );
  const destinations = Object.values(resourcesOf(templates.data, 'AWS::SES::ConfigurationSetEventDestination'));
  t.is(destinations.length, 1);
  const destination = destinations[0].Properties.EventDestination;
  t.deepEqual([...destination.MatchingEventTypes].sort(), ['bounce', 'complaint']);
  t.true(destination.Enabled);
  const topics = resourcesOf(templates.data, 'AWS::SNS::Topic');
  const topicId = destination.SnsDestination.TopicARN.Ref as string;
  t.is(topics[topicId].Properties.TopicName, 'pocdojo-ses-feedback');
  t.truthy(topics[topicId].Properties.KmsMasterKeyId, 'the topic is encrypted');
  const subscriptions = Object.values(resourcesOf(templates.data, 'AWS::SNS::Subscription'));
  const feedback = subscriptions.find((s) => s.Properties.TopicArn.Ref === topicId);
  t.is(feedback?.Properties.Protocol, 'sqs');
  t.regex(JSON.stringify(feedback?.Properties.Endpoint), /EventssesFeedback/);
  const queues = Object.values(resourcesOf(templates.data, 'AWS::SQS::Queue')).map((q) => q.Properties.QueueName);
  t.true(queues.includes('ses-feedback') && queues.includes('ses-feedback-dlq'));
  const secrets = Object.values(resourcesOf(templates.data, 'AWS::SecretsManager::Secret')).map(
    (s) => s.Properties.Name,
  );
  for (const name of ['pocdojo/notifier/apns', 'pocdojo/notifier/fcm', 'pocdojo/link-sealing-key']) {
    t.true(secrets.includes(name), name);
  }
});
