import test from 'ava';
import { DeploymentSettingsError, defaultDeployment, deploymentFromEnv } from '../src/deployment.ts';

test('defaults apply when nothing is set', (t) => {
  t.deepEqual(deploymentFromEnv({}), defaultDeployment);
});

test('settings come from POCDOJO_* variables', (t) => {
  const settings = deploymentFromEnv({
    POCDOJO_ACCOUNT: '123456789012',
    POCDOJO_REGION: 'eu-central-1',
    POCDOJO_ZONES: '2',
    POCDOJO_IMAGE_TAG: 'a1b2c3d',
    POCDOJO_PUBLIC_HOST: 'dojo.acme.io',
  });
  t.like(settings, {
    account: '123456789012',
    region: 'eu-central-1',
    zones: 2,
    imageTag: 'a1b2c3d',
    publicHost: 'dojo.acme.io',
  });
});

test('the cluster API allow-list is a list of CIDR blocks, never the whole internet', (t) => {
  t.deepEqual(deploymentFromEnv({ POCDOJO_API_ALLOWED_CIDRS: ' 203.0.113.0/24, 198.51.100.7/32 ' }).apiAllowedCidrs, [
    '203.0.113.0/24',
    '198.51.100.7/32',
  ]);
  t.throws(() => deploymentFromEnv({ POCDOJO_API_ALLOWED_CIDRS: '0.0.0.0/0' }), {
    message: /POCDOJO_API_ALLOWED_CIDRS: must not open/,
  });
  t.throws(() => deploymentFromEnv({ POCDOJO_API_ALLOWED_CIDRS: '10.0.0.300/8' }), {
    message: /^POCDOJO_API_ALLOWED_CIDRS:/,
  });
});

test('a malformed value fails fast naming the variable', (t) => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ POCDOJO_ACCOUNT: '12345' }, /^POCDOJO_ACCOUNT: must be a 12-digit AWS account id/],
    [{ POCDOJO_REGION: 'Europe' }, /^POCDOJO_REGION:/],
    [{ POCDOJO_ZONES: '1' }, /^POCDOJO_ZONES: must be 2 or 3/],
    [{ POCDOJO_NAMESPACE: 'Poc_Dojo' }, /^POCDOJO_NAMESPACE:/],
    [{ POCDOJO_IMAGE_TAG: 'bad tag' }, /^POCDOJO_IMAGE_TAG:/],
  ];
  for (const [env, message] of cases) {
    const error = t.throws(() => deploymentFromEnv(env), { instanceOf: DeploymentSettingsError });
    t.regex(error?.message ?? '', message);
  }
});
