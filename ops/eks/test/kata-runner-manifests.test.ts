import test from 'ava';
import { defaultDeployment } from '../src/deployment.ts';
import { gvisorRuntimeClass, SandboxNodes } from '../src/k8s/kata-runner.ts';
import { pocdojoObjects } from '../src/k8s/pocdojo-manifests.ts';
import { TurnNodes } from '../src/k8s/turn-server.ts';
import { resourcesOf, synthesize } from './helpers/synthesized-assembly.ts';

const objects = pocdojoObjects(defaultDeployment).map((o) => o.toJSON() as Record<string, any>);
const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const runner = named('Deployment', 'kata-runner')!;
const pod = runner.spec.template.spec;

test('kata-runner pods run under gVisor on the sandbox nodes only', (t) => {
  t.is(pod.runtimeClassName, gvisorRuntimeClass);
  const runtimeClass = named('RuntimeClass', gvisorRuntimeClass)!;
  t.is(runtimeClass.handler, 'runsc');
  t.deepEqual(runtimeClass.scheduling.nodeSelector, { [SandboxNodes.labelKey]: SandboxNodes.value });
  t.deepEqual(pod.nodeSelector, { [SandboxNodes.labelKey]: SandboxNodes.value });
  t.deepEqual(pod.tolerations, [
    { key: SandboxNodes.labelKey, operator: 'Equal', value: SandboxNodes.value, effect: 'NoSchedule' },
  ]);
  // No other workload tolerates the sandbox taint.
  for (const other of objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind) && o !== runner)) {
    t.falsy(other.spec.template.spec.tolerations, other.metadata.name);
  }
});

test('kata-runner pods get no Kubernetes API token', (t) => {
  t.false(pod.automountServiceAccountToken);
  t.false(named('ServiceAccount', 'kata-runner')!.automountServiceAccountToken);
});

test('kata-runner egress is denied but DNS, HTTPS to the VPC endpoints and OTLP to the collector; only Prometheus may call it', (t) => {
  const policy = named('NetworkPolicy', 'kata-runner-egress')!;
  t.deepEqual(policy.spec.podSelector.matchLabels, { 'app.kubernetes.io/name': 'kata-runner' });
  t.deepEqual(policy.spec.policyTypes, ['Egress']);
  const ports = policy.spec.egress.flatMap((rule: any) => rule.ports.map((p: any) => `${p.protocol}/${p.port}`));
  t.deepEqual(ports.sort(), ['TCP/4318', 'TCP/443', 'TCP/53', 'UDP/53']);
  const otlp = policy.spec.egress.find((rule: any) => rule.ports.some((p: any) => p.port === 4318));
  t.deepEqual(otlp.to, [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'adot-collector' } } }]);
  const https = policy.spec.egress.find((rule: any) => rule.ports.some((p: any) => p.port === 443));
  t.deepEqual(https.to, [{ ipBlock: { cidr: '10.40.0.0/16' } }], 'HTTPS only inside the VPC');
  const ingress = named('NetworkPolicy', 'kata-runner-ingress')!;
  const from = ingress.spec.ingress.map((rule: any) => ({
    peers: rule.from.map((f: any) => f.namespaceSelector?.matchLabels ?? f.podSelector?.matchLabels),
    ports: rule.ports.map((p: any) => p.port),
  }));
  t.deepEqual(
    from,
    [
      { peers: [{ 'app.kubernetes.io/name': 'platform-api' }], ports: [7704] },
      { peers: [{ 'kubernetes.io/metadata.name': 'monitoring' }], ports: [9305] },
    ],
    "platform-api reaches the runner's port (starter checks), Prometheus the metrics port, nobody else",
  );
  const platform = named('ConfigMap', 'platform-api-config')!.data;
  t.is(platform.KATA_RUNNER_URL, 'http://kata-runner.pocdojo.svc.cluster.local:7704');
  const token = runner.spec.template.spec.containers[0].env.find((e: any) => e.name === 'INTERNAL_TOKEN');
  t.deepEqual(token.valueFrom.secretKeyRef, { name: 'pocdojo-internal', key: 'token' });
});

test('the runner and the engine are pointed at the run queues', (t) => {
  const runnerConfig = named('ConfigMap', 'kata-runner-config')!.data;
  const engineConfig = named('ConfigMap', 'dojo-engine-config')!.data;
  for (const config of [runnerConfig, engineConfig]) {
    t.is(config.KATA_RUN_REQUESTS_QUEUE, 'kata-run-requests');
    t.is(config.KATA_RUN_RESULTS_QUEUE, 'kata-run-results');
  }
});

test('CDK: a tainted, labelled sandbox node group with gVisor installed and IMDS out of the pods’ reach', (t) => {
  const { templates } = synthesize();
  const groups = Object.values(resourcesOf(templates.compute, 'AWS::EKS::Nodegroup'));
  const sandbox = groups.filter((g) => g.Properties.Labels?.[SandboxNodes.labelKey] === SandboxNodes.value);
  t.is(sandbox.length, 1);
  t.deepEqual(sandbox[0].Properties.Taints, [
    { Key: SandboxNodes.labelKey, Value: SandboxNodes.value, Effect: 'NO_SCHEDULE' },
  ]);
  // The general node groups take any pod; the TURN nodes have a taint of their own (turn-server.test.ts).
  const others = groups.filter((g) => g !== sandbox[0] && !g.Properties.Labels?.[TurnNodes.labelKey]);
  t.true(others.length > 0);
  for (const group of others) t.falsy(group.Properties.Taints);
  const templatesOf = Object.values(resourcesOf(templates.compute, 'AWS::EC2::LaunchTemplate'));
  const data = JSON.stringify(templatesOf.map((lt) => lt.Properties.LaunchTemplateData));
  t.regex(data, /HttpPutResponseHopLimit":1/);
  t.regex(data, /HttpTokens":"required/);
  const queues = Object.values(resourcesOf(templates.data, 'AWS::SQS::Queue')).map((q) => q.Properties.QueueName);
  for (const name of ['kata-run-requests', 'kata-run-requests-dlq', 'kata-run-results', 'kata-run-results-dlq'])
    t.true(queues.includes(name), name);
});

test('CDK: the sandbox nodes install runsc and register it with containerd', (t) => {
  const { templates } = synthesize();
  const templatesOf = Object.values(resourcesOf(templates.compute, 'AWS::EC2::LaunchTemplate'));
  const userData = JSON.stringify(templatesOf.map((lt) => lt.Properties.LaunchTemplateData.UserData));
  t.regex(userData, /containerd-shim-runsc-v1/);
  t.regex(userData, /sha512sum -c/);
  t.regex(userData, /io\.containerd\.runsc\.v1/);
});
