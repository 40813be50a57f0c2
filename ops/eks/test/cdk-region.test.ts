import test from 'ava';
import { defaultDeployment, deploymentFromEnv } from '../src/deployment.ts';
import { EDGE_REGION } from '../src/pocdojo-app.ts';
import { synthesize } from './helpers/synthesized-assembly.ts';

const { stacks, templates } = synthesize();

/** What AWS makes live in us-east-1 for CloudFront: the distribution, its origin access and response headers, certificate and web ACL. */
const EDGE_TYPES = new Set([
  'AWS::CloudFront::Distribution',
  'AWS::CloudFront::OriginAccessControl',
  'AWS::CloudFront::ResponseHeadersPolicy',
  'AWS::CertificateManager::Certificate',
  'AWS::WAFv2::WebACL',
]);

/** Resource types that hold data or state. */
const STATEFUL = /^AWS::(S3|RDS|ElastiCache|SQS|ECR|EKS|SecretsManager|KMS|DynamoDB|EFS|Logs|OpenSearchService)::/;

test('São Paulo (sa-east-1) with its three zones is the default', (t) => {
  t.is(defaultDeployment.region, 'sa-east-1');
  t.is(defaultDeployment.zones, 3);
  t.is(deploymentFromEnv({}).region, 'sa-east-1');
});

test('every stack but the front door is in sa-east-1, and the front door holds nothing but edge resources', (t) => {
  for (const [key, stack] of Object.entries(stacks)) {
    t.is(stack.region, key === 'web' ? EDGE_REGION : 'sa-east-1', key);
  }
  const edgeTypes = Object.values(templates.web.toJSON().Resources as Record<string, { Type: string }>).map(
    (resource) => resource.Type,
  );
  t.true(edgeTypes.length > 0);
  t.deepEqual(
    edgeTypes.filter((type) => !EDGE_TYPES.has(type)),
    [],
    'only CloudFront, its certificate and web ACL in us-east-1',
  );
});

test('every stateful resource is in the home region', (t) => {
  let stateful = 0;
  for (const [key, template] of Object.entries(templates)) {
    const types = Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    for (const type of types.filter((type) => STATEFUL.test(type))) {
      stateful++;
      t.is(stacks[key as keyof typeof stacks].region, defaultDeployment.region, `${type} in ${key}`);
    }
  }
  t.true(stateful >= 10, `found ${stateful} stateful resources`);
});
