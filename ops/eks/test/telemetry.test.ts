import test from 'ava';
import { defaultDeployment } from '../src/deployment.ts';
import { pocdojoObjects } from '../src/k8s/pocdojo-manifests.ts';
import { resourcesOf, synthesize } from './helpers/synthesized-assembly.ts';

const objects = pocdojoObjects(defaultDeployment).map((o) => o.toJSON() as Record<string, any>);
const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const services = ['platform-api', 'search-indexer', 'media-worker', 'kata-runner', 'dojo-engine'];
const collectorUrl = 'http://adot-collector.pocdojo.svc.cluster.local:4318';

test('an ADOT collector on every node, sandbox nodes included, takes OTLP and exports to X-Ray', (t) => {
  const daemonSet = named('DaemonSet', 'adot-collector')!;
  t.truthy(daemonSet);
  const pod = daemonSet.spec.template.spec;
  t.is(pod.serviceAccountName, 'adot-collector');
  t.true(pod.tolerations.some((tol: any) => tol.key === 'pocdojo.dev/sandbox' && tol.effect === 'NoSchedule'));
  const [container] = pod.containers;
  t.regex(container.image, /^public\.ecr\.aws\/aws-observability\/aws-otel-collector:v\d+\.\d+\.\d+$/);
  t.true(container.securityContext.readOnlyRootFilesystem);
  t.deepEqual(container.securityContext.capabilities.drop, ['ALL']);
  t.true(pod.securityContext.runAsNonRoot, 'the restricted Pod Security Standard of the namespace holds');
  t.falsy(
    container.ports.find((p: any) => p.hostPort),
    'no hostPort: the node-local Service routes instead',
  );

  const service = named('Service', 'adot-collector')!;
  t.is(service.spec.internalTrafficPolicy, 'Local', "spans stay on their pod's node");
  t.deepEqual(service.spec.ports.map((p: any) => p.port).sort(), [4317, 4318]);

  const config = JSON.parse(named('ConfigMap', 'adot-collector')!.data['collector.yaml']);
  t.truthy(config.receivers.otlp.protocols.http);
  const traces = config.service.pipelines.traces;
  t.deepEqual(traces.receivers, ['otlp']);
  t.deepEqual(traces.exporters, ['otlphttp/xray']);
  t.is(config.exporters['otlphttp/xray'].traces_endpoint, 'https://xray.sa-east-1.amazonaws.com/v1/traces');
  t.is(config.exporters['otlphttp/xray'].auth.authenticator, 'sigv4auth');
  t.deepEqual(config.extensions.sigv4auth, { region: 'sa-east-1', service: 'xray' });
});

test('every service gets the collector as its OTLP endpoint and starts through the instrumentation', (t) => {
  for (const service of services) {
    const config = named('ConfigMap', `${service}-config`)!;
    t.is(config.data.OTEL_EXPORTER_OTLP_ENDPOINT, collectorUrl, service);
    t.is(config.data.OTEL_SERVICE_NAME, service);
    const workload = (named('Deployment', service) ?? named('StatefulSet', service))!;
    const container = workload.spec.template.spec.containers.find((c: any) => c.name === service);
    t.deepEqual(container.command.slice(0, 3), ['node', '--import', '@pocdojo/common/instrument'], service);
  }
  // Only the services' pods may send spans.
  const policy = named('NetworkPolicy', 'adot-collector-ingress')!;
  t.deepEqual(policy.spec.ingress[0].from, [
    { podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'pocdojo' } } },
  ]);
});

test("Prometheus scrapes every service's metrics port through a PodMonitor", (t) => {
  const monitor = named('PodMonitor', 'pocdojo')!;
  t.is(monitor.apiVersion, 'monitoring.coreos.com/v1');
  t.deepEqual(monitor.spec.selector.matchLabels, { 'app.kubernetes.io/part-of': 'pocdojo' });
  t.deepEqual(monitor.spec.namespaceSelector.matchNames, ['pocdojo']);
  const [endpoint] = monitor.spec.podMetricsEndpoints;
  t.is(endpoint.port, 'metrics');
  t.is(endpoint.path, '/metrics');
  // Each service's pods carry their label and expose their metrics port (9300+) under that name.
  for (const service of services) {
    const workload = (named('Deployment', service) ?? named('StatefulSet', service))!;
    const pod = workload.spec.template;
    t.is(pod.metadata.labels['app.kubernetes.io/part-of'], 'pocdojo', service);
    const port = pod.spec.containers.flatMap((c: any) => c.ports ?? []).find((p: any) => p.name === 'metrics');
    t.true(port?.containerPort >= 9300 && port?.containerPort <= 9309, service);
  }
});

test('CDK: the collector may write to X-Ray only, through Pod Identity, and Transaction Search is on', (t) => {
  const { templates } = synthesize();
  const association = Object.values(resourcesOf(templates.compute, 'AWS::EKS::PodIdentityAssociation')).find(
    (a) => a.Properties.ServiceAccount === 'adot-collector',
  )!;
  t.truthy(association);
  t.is(association.Properties.Namespace, 'pocdojo');
  const roleId = association.Properties.RoleArn['Fn::GetAtt'][0];
  const role = resourcesOf(templates.compute, 'AWS::IAM::Role')[roleId]!;
  t.regex(JSON.stringify(role.Properties.ManagedPolicyArns), /:iam::aws:policy\/AWSXrayWriteOnlyAccess/);
  const inline = Object.values(resourcesOf(templates.compute, 'AWS::IAM::Policy')).filter((p) =>
    p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId),
  );
  t.deepEqual(inline, [], 'no other permission');

  const [search] = Object.values(resourcesOf(templates.compute, 'AWS::XRay::TransactionSearchConfig'));
  t.is(search?.Properties.IndexingPercentage, 1);
  const [logsPolicy] = Object.values(resourcesOf(templates.compute, 'AWS::Logs::ResourcePolicy'));
  const statement = JSON.stringify(logsPolicy?.Properties.PolicyDocument);
  t.regex(statement, /xray\.amazonaws\.com/);
  t.regex(statement, /aws\/spans/);
});
