import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { services as localServices } from '../../../scripts/services.ts';
import { defaultDeployment } from '../src/deployment.ts';
import { ManifestValidationError, pocdojoManifests, pocdojoObjects } from '../src/k8s/pocdojo-manifests.ts';
import { preStopSeconds } from '../src/k8s/pod-parts.ts';
import { publicApiPrefixes, publicNotifierPrefixes } from '../src/k8s/public-routes.ts';

const objects = pocdojoObjects(defaultDeployment).map((o) => o.toJSON() as Record<string, any>);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const named = (kind: string, name: string) => ofKind(kind).find((o) => o.metadata.name === name);
const deployments = ofKind('Deployment');
// The PocDojo services (Meilisearch, a third-party single replica, is checked on its own).
const workloads = [...deployments, named('StatefulSet', 'dojo-engine')!];

test('every object validates against the Kubernetes schema', (t) => {
  t.true(objects.length > 30);
  t.notThrows(() => pocdojoObjects(defaultDeployment));
  // The validation is real: a Deployment without its required selector is refused.
  const broken = new Deployment({ metadata: { name: 'x' }, spec: { template: {} } as never });
  t.throws(() => broken.validate());
  t.is(new ManifestValidationError(broken, new Error('missing selector')).name, 'ManifestValidationError');
});

test('one Deployment per stateless service and a StatefulSet for dojo-engine', (t) => {
  t.deepEqual(deployments.map((d) => d.metadata.name).sort(), [
    'kata-runner',
    'media-worker',
    'notifier',
    'platform-api',
    'search-indexer',
  ]);
  t.deepEqual(
    ofKind('StatefulSet')
      .map((s) => s.metadata.name)
      .sort(),
    ['dojo-engine', 'meilisearch'],
  );
});

test('every workload keeps serving after SIGTERM until the load balancer has let go, within its grace period', (t) => {
  for (const w of workloads) {
    const pod = w.spec.template.spec;
    const container = pod.containers[0];
    t.is(container.lifecycle?.preStop?.sleep?.seconds, preStopSeconds, w.metadata.name);
    // The grace period covers the preStop sleep plus the service's own drain (at least 15 s more).
    t.true(pod.terminationGracePeriodSeconds >= preStopSeconds + 15, w.metadata.name);
  }
});

test('every workload spreads across zones, probes /healthz and /readyz and has resources', (t) => {
  for (const w of workloads) {
    const pod = w.spec.template.spec;
    const zone = pod.topologySpreadConstraints.find((c: any) => c.topologyKey === 'topology.kubernetes.io/zone');
    t.is(zone?.whenUnsatisfiable, 'DoNotSchedule', w.metadata.name);
    t.deepEqual(zone?.labelSelector.matchLabels, w.spec.selector.matchLabels);
    t.true(w.spec.replicas >= 3, `${w.metadata.name}: one replica per zone at least`);
    const [container] = pod.containers;
    t.is(container.livenessProbe.httpGet.path, '/healthz');
    t.is(container.readinessProbe.httpGet.path, '/readyz');
    t.truthy(container.resources.requests.cpu);
    t.truthy(container.resources.limits.memory);
    t.true(container.securityContext.readOnlyRootFilesystem);
  }
});

test('every workload has a PodDisruptionBudget and one autoscaler (an HPA, or KEDA for media-worker)', (t) => {
  for (const w of workloads) {
    const pdb = named('PodDisruptionBudget', w.metadata.name);
    t.deepEqual(pdb?.spec.selector.matchLabels, w.spec.selector.matchLabels);
    const hpa = named('HorizontalPodAutoscaler', w.metadata.name);
    const scaled = named('ScaledObject', w.metadata.name);
    // Exactly one: KEDA creates its own HPA, which a second one would fight.
    t.true(Boolean(hpa) !== Boolean(scaled), w.metadata.name);
    const target = hpa?.spec.scaleTargetRef ?? scaled?.spec.scaleTargetRef;
    t.deepEqual(target, { apiVersion: 'apps/v1', kind: w.kind, name: w.metadata.name });
    t.is(hpa?.spec.minReplicas ?? scaled?.spec.minReplicaCount, w.spec.replicas);
  }
});

test('media-worker scales on the media-jobs queue depth and on CPU, through KEDA with its operator identity', (t) => {
  const scaled = named('ScaledObject', 'media-worker')!;
  const sqs = scaled.spec.triggers.find((trigger: any) => trigger.type === 'aws-sqs-queue');
  t.is(
    sqs.metadata.queueURL,
    `https://sqs.${defaultDeployment.region}.amazonaws.com/${defaultDeployment.account}/media-jobs`,
  );
  t.is(sqs.metadata.awsRegion, defaultDeployment.region);
  t.true(Number(sqs.metadata.queueLength) > 0);
  t.truthy(scaled.spec.triggers.find((trigger: any) => trigger.type === 'cpu'));
  const auth = named('TriggerAuthentication', sqs.authenticationRef.name)!;
  t.deepEqual(auth.spec.podIdentity, { provider: 'aws', identityOwner: 'keda' });
  // KEDA's objects check their own required fields, as the kubernetes-models objects do.
  const object = pocdojoObjects(defaultDeployment).find((o) => o.kind === 'ScaledObject')!;
  (object.toJSON() as { spec: { scaleTargetRef: object } }).spec.scaleTargetRef = {};
  t.throws(() => object.validate(), { message: /scaleTargetRef\.name is required/ });
});

test('dojo-engine: a Service and an ingress route per pod, PUBLIC_ADDRESS from the pod name', (t) => {
  const engine = named('StatefulSet', 'dojo-engine')!;
  const max = named('HorizontalPodAutoscaler', 'dojo-engine')!.spec.maxReplicas as number;
  const routes = named('Ingress', 'dojo-engine-pods')!.spec.rules[0].http.paths;
  for (let i = 0; i < max; i++) {
    const pod = `dojo-engine-${i}`;
    const service = named('Service', pod);
    t.deepEqual(service?.spec.selector, {
      'app.kubernetes.io/name': 'dojo-engine',
      'statefulset.kubernetes.io/pod-name': pod,
    });
    const route = routes.find((r: any) => r.backend.service.name === pod);
    t.true(route?.path.startsWith(`/${pod}(`), pod);
  }
  const env = engine.spec.template.spec.containers[0].env;
  t.deepEqual(env[0], { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } });
  t.is(env.find((e: any) => e.name === 'PUBLIC_ADDRESS').value, 'dojo.pocdojo.example.com/$(POD_NAME)');
  t.deepEqual(env.find((e: any) => e.name === 'REDIS_URL').valueFrom, {
    secretKeyRef: { name: 'dojo-redis', key: 'url' },
  });
});

test("only platform-api, notifier's public API and dojo-engine are routed publicly, never /internal or /metrics", (t) => {
  const paths = ofKind('Ingress').flatMap((i) => i.spec.rules.flatMap((r: any) => r.http.paths));
  for (const p of paths) {
    t.regex(p.backend.service.name, /^(platform-api|notifier|dojo-engine(-\d+)?)$/);
    t.false(/internal|metrics|healthz|readyz/.test(p.path), p.path);
  }
  const api = named('Ingress', 'platform-api')!.spec.rules[0].http.paths.map((p: any) => p.path);
  t.deepEqual(api, [...publicApiPrefixes, ...publicNotifierPrefixes]);
});

test('network policies: default deny, search-indexer and media-worker unreachable from the ingress', (t) => {
  const policies = ofKind('NetworkPolicy');
  const deny = policies.find((p) => p.metadata.name === 'default-deny-ingress');
  t.deepEqual(deny?.spec, { podSelector: {}, policyTypes: ['Ingress'] });
  const sources = (service: string) =>
    JSON.stringify(policies.find((p) => p.metadata.name === `${service}-ingress`)?.spec.ingress);
  for (const hidden of ['search-indexer', 'media-worker']) {
    t.notRegex(sources(hidden), /ingress-nginx/, hidden);
  }
  t.regex(sources('platform-api'), /ingress-nginx/);
  t.regex(sources('search-indexer'), /platform-api/);
  t.regex(sources('dojo-engine'), /media-worker/, "the media worker reads a member's dojos from the engine");
  t.deepEqual(
    JSON.parse(sources('meilisearch'))[0].from.map(
      (peer: any) => peer.podSelector?.matchLabels['app.kubernetes.io/name'] ?? 'monitoring',
    ),
    ['search-indexer', 'monitoring'],
  );
});

test('metrics: each service listens on every pod interface, serves /metrics on a port only Prometheus reaches', (t) => {
  const policies = ofKind('NetworkPolicy');
  for (const w of workloads) {
    const service = w.metadata.name;
    const config = named('ConfigMap', `${service}-config`)!;
    t.is(config.data.HOST, '0.0.0.0', service);
    const [container] = w.spec.template.spec.containers;
    const portNamed = (name: string) => container.ports.find((p: any) => p.name === name)?.containerPort;
    t.is(String(portNamed('metrics')), config.data.METRICS_PORT, service);
    t.is(String(portNamed('http')), config.data.PORT, service);
    t.not(portNamed('metrics'), portNamed('http'));
    t.like(w.spec.template.metadata.annotations, {
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': config.data.METRICS_PORT,
      'prometheus.io/path': '/metrics',
    });
    const rules = policies.find((p) => p.metadata.name === `${service}-ingress`)!.spec.ingress as any[];
    const isMonitoring = (peer: any) =>
      peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === 'monitoring';
    for (const rule of rules) {
      const ports = rule.ports.map((p: any) => p.port);
      if (rule.from.some(isMonitoring)) {
        t.deepEqual(ports, [portNamed('metrics')], `${service}: Prometheus reaches the metrics port only`);
        t.true(rule.from.every(isMonitoring), `${service}: nobody else shares Prometheus's rule`);
      } else {
        t.deepEqual(ports, [portNamed('http')], `${service}: callers never reach the metrics port`);
      }
    }
  }
});

test('search-indexer uses Meilisearch, which keeps its index on an encrypted EBS volume', (t) => {
  const config = named('ConfigMap', 'search-indexer-config')!;
  // Both copies, by pod name (search-indexer feeds every copy itself).
  t.is(
    config.data.MEILI_HOST,
    'http://meilisearch-0.meilisearch.pocdojo.svc.cluster.local:7700,http://meilisearch-1.meilisearch.pocdojo.svc.cluster.local:7700',
  );
  const meili = named('StatefulSet', 'meilisearch')!;
  const [claim] = meili.spec.volumeClaimTemplates;
  const storageClass = named('StorageClass', claim.spec.storageClassName);
  t.is(storageClass?.provisioner, 'ebs.csi.aws.com');
  t.is(storageClass?.parameters.encrypted, 'true');
  t.is(storageClass?.volumeBindingMode, 'WaitForFirstConsumer');
});

test('secrets are referenced by name, never written: no Secret objects, no secret in a ConfigMap', (t) => {
  t.deepEqual(ofKind('Secret'), []);
  const secretVariables =
    /^(DATABASE_URL|DATABASE_OWNER_URL|REDIS_URL|INTERNAL_TOKEN|LINK_SEALING_KEY|MFA_SECRET_KEY|JWT_PRIVATE_JWK|MEILI_API_KEY|MEILI_MASTER_KEY|APP_PASSWORD)$/;
  for (const map of ofKind('ConfigMap')) {
    t.deepEqual(
      Object.keys(map.data).filter((key) => secretVariables.test(key)),
      [],
      map.metadata.name,
    );
  }
  const containers = [...deployments, ...ofKind('StatefulSet'), ...ofKind('Job')].flatMap(
    (w) => w.spec.template.spec.containers,
  );
  const secretEnv = containers.flatMap((c) => c.env).filter((e: any) => secretVariables.test(e.name));
  t.true(secretEnv.length >= 9);
  for (const e of secretEnv) t.truthy(e.valueFrom?.secretKeyRef, e.name);
});

test('a migration Job per database service, with the owner credentials', (t) => {
  const jobs = ofKind('Job');
  t.deepEqual(jobs.map((j) => j.metadata.labels['pocdojo.dev/database']).sort(), ['dojo', 'notifier', 'platform']);
  for (const job of jobs) {
    const [container] = job.spec.template.spec.containers;
    const owner = container.env.find((e: any) => e.name === 'DATABASE_OWNER_URL');
    t.is(owner.valueFrom.secretKeyRef.key, 'owner-url');
    t.regex(container.command.at(-1), /await migrate\(db\.ownerUrl\)/);
  }
  // The services themselves never get the owner URL: they do not migrate in the cluster.
  for (const w of workloads) {
    t.false(JSON.stringify(w).includes('owner-url'), w.metadata.name);
  }
});

test('each service gets in the cluster every variable npm start gives it, except local stand-ins', (t) => {
  const localOnly = new Set(['AWS_ENDPOINT_URL', 'DATABASE_OWNER_URL']);
  // Given by scripts/services.ts but not read by the service's config: secrets a pod does not need stay out of it.
  const unread: Record<string, string[]> = {
    'search-indexer': ['S3_BUCKET'],
    'dojo-engine': ['S3_BUCKET'],
    // The local inbox's stand-ins; SES and SNS in the cluster.
    notifier: ['SMTP_URL', 'LOCAL_PUSH_URL', 'S3_BUCKET'],
  };
  const stack = {
    adminUrl: 'postgres://x',
    databases: {
      platform: { ownerUrl: 'o', appUrl: 'a' },
      dojo: { ownerUrl: 'o', appUrl: 'a' },
      notifier: { ownerUrl: 'o', appUrl: 'a' },
    },
    awsEndpoint: 'http://x',
    bucket: 'b',
    signingKeyJwk: '{}',
    internalToken: 't',
    linkSealingKey: 'k',
    mfaSecretKey: 'm',
    dataDir: '.data',
    redisUrl: 'redis://x',
  };
  for (const w of workloads) {
    const name = w.metadata.name;
    const local = localServices.find((s) => s.name === name);
    if (!local) throw new Error(`${name} is not in scripts/services.ts`);
    const container = w.spec.template.spec.containers[0];
    const fromConfigMap = Object.keys(named('ConfigMap', container.envFrom[0].configMapRef.name)?.data ?? {});
    const provided = new Set([...fromConfigMap, ...container.env.map((e: any) => e.name)]);
    const missing = Object.keys(local.env(stack)).filter(
      (v) => !localOnly.has(v) && !provided.has(v) && !unread[name]?.includes(v),
    );
    t.deepEqual(missing, [], name);
  }
});

test('synth writes one YAML file per chart, namespace and migrations before workloads', (t) => {
  const outdir = mkdtempSync(join(tmpdir(), 'pocdojo-k8s-'));
  t.teardown(() => rmSync(outdir, { recursive: true, force: true }));
  pocdojoManifests(defaultDeployment, outdir).synth();
  t.regex(readFileSync(join(outdir, '1-namespace.yaml'), 'utf8'), /kind: Namespace/);
  t.regex(readFileSync(join(outdir, '2-migrations.yaml'), 'utf8'), /kind: Job/);
  const workloadsYaml = readFileSync(join(outdir, '3-workloads.yaml'), 'utf8');
  t.is(workloadsYaml.match(/^kind: Deployment$/gm)?.length, 5);
  t.notRegex(workloadsYaml, /^kind: (Job|Namespace)$/m);
});

test('Meilisearch survives a zone: two copies that may not share a zone, behind a headless Service, one down at a time', (t) => {
  const meili = named('StatefulSet', 'meilisearch')!;
  t.is(meili.spec.replicas, 2);
  const [rule] = meili.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  t.is(rule.topologyKey, 'topology.kubernetes.io/zone');
  t.deepEqual(rule.labelSelector.matchLabels, meili.spec.selector.matchLabels);
  t.is(named('Service', 'meilisearch')?.spec.clusterIP, 'None', 'each copy has its own DNS name');
  t.is(meili.spec.serviceName, 'meilisearch');
  t.is(named('PodDisruptionBudget', 'meilisearch')?.spec.maxUnavailable, 1);
});

test("media-worker's grace covers the preStop sleep, its renders' grace, its last long poll and the hand-back", (t) => {
  const worker = named('Deployment', 'media-worker')!;
  const config = named('ConfigMap', 'media-worker-config')!;
  const renderGrace = Number(config.data.MEDIA_SHUTDOWN_GRACE_SECONDS);
  const poll = Number(config.data.MEDIA_WAIT_TIME_SECONDS);
  t.true(renderGrace >= 120, 'a render gets minutes to finish before it is handed back');
  t.true(poll >= 1 && poll <= 20);
  // media-worker/README.md: terminationGracePeriodSeconds ≥ grace + MEDIA_WAIT_TIME_SECONDS + 10, after the preStop sleep.
  t.true(
    worker.spec.template.spec.terminationGracePeriodSeconds >= preStopSeconds + renderGrace + poll + 10,
    `${worker.spec.template.spec.terminationGracePeriodSeconds} s`,
  );
});

test('Karpenter: one EC2NodeClass found by tags and one NodePool over every zone of the deployment', (t) => {
  const nodeClass = named('EC2NodeClass', 'default')!;
  const pool = named('NodePool', 'general')!;
  t.is(nodeClass.apiVersion, 'karpenter.k8s.aws/v1');
  t.is(pool.apiVersion, 'karpenter.sh/v1');
  t.is(nodeClass.spec.role, 'PocDojo-KarpenterNode-sa-east-1');
  t.deepEqual(nodeClass.spec.subnetSelectorTerms, [{ tags: { 'karpenter.sh/discovery': 'pocdojo-cluster' } }]);
  t.deepEqual(nodeClass.spec.securityGroupSelectorTerms, [{ tags: { 'aws:eks:cluster-name': 'pocdojo-cluster' } }]);
  t.is(nodeClass.spec.metadataOptions.httpTokens, 'required');
  t.is(pool.spec.template.spec.nodeClassRef.name, 'default');
  const zones = pool.spec.template.spec.requirements.find((r: any) => r.key === 'topology.kubernetes.io/zone');
  t.deepEqual(zones.values, ['sa-east-1a', 'sa-east-1b', 'sa-east-1c']);
  t.truthy(pool.spec.limits.cpu);
  t.is(pool.spec.disruption.consolidationPolicy, 'WhenEmptyOrUnderutilized');
});

test("platform-api's rate limits live in the shared Redis, so they hold across its replicas", (t) => {
  const api = named('Deployment', 'platform-api')!;
  const redis = api.spec.template.spec.containers[0].env.find((e: any) => e.name === 'REDIS_URL');
  t.deepEqual(redis?.valueFrom.secretKeyRef, { name: 'dojo-redis', key: 'url' });
});
