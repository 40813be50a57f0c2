import test from 'ava';
import { defaultDeployment } from '../src/deployment.ts';
import { pocdojoObjects } from '../src/k8s/pocdojo-manifests.ts';
import { TurnNodes, TurnPorts } from '../src/k8s/turn-server.ts';
import { resourcesOf, synthesize } from './helpers/synthesized-assembly.ts';

const objects = pocdojoObjects(defaultDeployment).map((o) => o.toJSON() as Record<string, any>);
const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const turn = named('DaemonSet', 'turn-server')!;
const pod = turn.spec.template.spec;
const args: string[] = pod.containers[0].args;

test('coturn runs on the TURN nodes alone, on the host network, with no Kubernetes API token', (t) => {
  t.true(pod.hostNetwork);
  t.is(pod.dnsPolicy, 'ClusterFirstWithHostNet');
  t.deepEqual(pod.nodeSelector, { [TurnNodes.labelKey]: TurnNodes.value });
  t.deepEqual(pod.tolerations, [
    { key: TurnNodes.labelKey, operator: 'Equal', value: TurnNodes.value, effect: 'NoSchedule' },
  ]);
  t.false(pod.automountServiceAccountToken);
  t.true(pod.securityContext.runAsNonRoot);
  t.true(pod.containers[0].securityContext.readOnlyRootFilesystem);
  // No other workload lands on the TURN nodes.
  for (const other of objects.filter(
    (o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind) && o !== turn,
  )) {
    t.false(
      JSON.stringify(other.spec.template.spec.tolerations ?? []).includes(TurnNodes.labelKey),
      other.metadata.name,
    );
  }
});

test('coturn hands out only time-limited credentials and never relays into the VPC or to instance metadata', (t) => {
  t.true(args.includes('--use-auth-secret'));
  t.true(args.includes('--static-auth-secret=$(TURN_SECRET)'));
  t.false(
    args.some((arg) => arg.startsWith('--user=') || arg === '--lt-cred-mech'),
    'no static users',
  );
  t.true(args.includes('--no-cli'));
  const denied = args.filter((arg) => arg.startsWith('--denied-peer-ip=')).map((arg) => arg.split('=')[1]);
  for (const range of ['10.0.0.0-10.255.255.255', '169.254.0.0-169.254.255.255', '127.0.0.0-127.255.255.255']) {
    t.true(denied.includes(range), range);
  }
  t.true(args.includes(`--min-port=${TurnPorts.relayMin}`) && args.includes(`--max-port=${TurnPorts.relayMax}`));
  const secret = pod.containers[0].env.find((e: any) => e.name === 'TURN_SECRET');
  t.deepEqual(secret.valueFrom.secretKeyRef, { name: 'dojo-turn', key: 'static-auth-secret' });
});

test('the engine points voice members at the TURN host and signs credentials with coturn’s own secret', (t) => {
  const config = named('ConfigMap', 'dojo-engine-config')!.data;
  t.is(config.STUN_URLS, 'stun:turn.pocdojo.example.com:3478');
  t.deepEqual(config.TURN_URLS.split(','), [
    'turn:turn.pocdojo.example.com:3478?transport=udp',
    'turn:turn.pocdojo.example.com:3478?transport=tcp',
  ]);
  const engine = named('StatefulSet', 'dojo-engine')!.spec.template.spec.containers[0];
  const secret = engine.env.find((e: any) => e.name === 'TURN_SECRET');
  t.deepEqual(secret.valueFrom.secretKeyRef, { name: 'dojo-turn', key: 'static-auth-secret' });
  const service = named('Service', 'turn-server')!;
  t.is(service.metadata.annotations['external-dns.alpha.kubernetes.io/hostname'], 'turn.pocdojo.example.com');
  t.is(service.spec.clusterIP, 'None');
});

test('CDK: TURN nodes in every public subnet, open on the TURN port and relay range only, IMDS out of reach; a generated secret', (t) => {
  const { templates } = synthesize();
  const groups = Object.values(resourcesOf(templates.compute, 'AWS::EKS::Nodegroup'));
  const turnGroups = groups.filter((g) => g.Properties.Labels?.[TurnNodes.labelKey] === TurnNodes.value);
  t.is(turnGroups.length, 1);
  const group = turnGroups[0]!.Properties;
  t.deepEqual(group.Taints, [{ Key: TurnNodes.labelKey, Value: TurnNodes.value, Effect: 'NO_SCHEDULE' }]);
  t.is(group.Subnets.length, 3, 'one public subnet per zone');
  t.true(group.ScalingConfig.MinSize >= 3, 'a TURN node in every zone');
  const publicSubnets = templates.network.findResources('AWS::EC2::Subnet', {
    Properties: { MapPublicIpOnLaunch: true },
  });
  t.is(Object.keys(publicSubnets).length, 3);

  const ingress = Object.values(resourcesOf(templates.compute, 'AWS::EC2::SecurityGroup'))
    .filter((sg) => /TURN/.test(sg.Properties.GroupDescription))
    .flatMap((sg) => sg.Properties.SecurityGroupIngress);
  const rules = new Set(ingress.map((r: any) => `${r.IpProtocol}/${r.FromPort}-${r.ToPort}`));
  t.deepEqual([...rules].sort(), ['tcp/3478-3478', 'udp/3478-3478', 'udp/49152-65535']);

  const launchTemplates = Object.values(resourcesOf(templates.compute, 'AWS::EC2::LaunchTemplate'));
  const turnTemplate = launchTemplates.find((lt) =>
    JSON.stringify(lt.Properties.LaunchTemplateData.SecurityGroupIds ?? '').includes('TurnSecurityGroup'),
  );
  t.truthy(turnTemplate, 'the TURN launch template carries the TURN security group');
  t.is(turnTemplate!.Properties.LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit, 1);
  t.is(turnTemplate!.Properties.LaunchTemplateData.MetadataOptions.HttpTokens, 'required');

  const secrets = Object.values(resourcesOf(templates.data, 'AWS::SecretsManager::Secret'));
  const secret = secrets.find((s) => s.Properties.Name === 'pocdojo/dojo/turn-secret');
  t.truthy(secret?.Properties.GenerateSecretString, 'generated, never in the repository');
});
