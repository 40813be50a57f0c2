import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { QueueNames, Services } from '../services.ts';
import { type ClusterLayout, image, jwksUrl, SecretNames } from './cluster-layout.ts';
import type { KubeObject } from './kube-object.ts';
import {
  fromSecret,
  labelsOf,
  listenSettings,
  podSecurity,
  scrapeAnnotations,
  selectorOf,
  serviceContainer,
  spreadAcrossZones,
} from './pod-parts.ts';
import { serviceConfig } from './service-config.ts';
import { engineVoiceSettings } from './turn-server.ts';

/** Replica bounds of the engine; a Service and an ingress route exist for every ordinal up to `max`. */
export const dojoReplicas = { min: 3, max: 6 } as const;

const name = Services.dojoEngine.name;

/** `dojo-engine-0`, `dojo-engine-1`, … up to the HPA's maximum. */
export const dojoPodNames = (): string[] => Array.from({ length: dojoReplicas.max }, (_, i) => `${name}-${i}`);

/**
 * dojo-engine as a StatefulSet: stable pod names give each Colyseus process a
 * stable public address `${dojoHost}/${pod}` (PUBLIC_ADDRESS from the downward
 * API), which the matchmaker hands to clients; one Service per pod lets the
 * ingress route `/${pod}/…` to exactly that pod (docs/stack-notes.md, architecture §7).
 * A shared Service serves matchmaking, which any pod answers through Redis.
 */
export function dojoEngine(layout: ClusterLayout): KubeObject[] {
  const metadata = { name, namespace: layout.namespace, labels: labelsOf(name) };
  const env = [
    // Declared first: later variables expand $(POD_NAME).
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    // Only `env` expands $(VAR), so this one cannot live in the ConfigMap.
    { name: 'PUBLIC_ADDRESS', value: `${layout.dojoHost}/$(POD_NAME)` },
    fromSecret('DATABASE_URL', SecretNames.dojoDatabase, 'app-url'),
    fromSecret('REDIS_URL', SecretNames.dojoRedis, 'url'),
    // The media worker reads a member's dojos from /internal/v1/member-dojos with it.
    fromSecret('INTERNAL_TOKEN', SecretNames.internal, 'token'),
    engineVoiceSettings(layout).secret,
  ];
  const perPod = dojoPodNames().map(
    (pod) =>
      new Service({
        metadata: { name: pod, namespace: layout.namespace, labels: { ...labelsOf(name), 'pocdojo.dev/pod': pod } },
        spec: {
          type: 'ClusterIP',
          selector: { ...selectorOf(name), 'statefulset.kubernetes.io/pod-name': pod },
          ports: [{ name: 'http', port: Services.dojoEngine.port, targetPort: 'http', protocol: 'TCP' }],
        },
      }),
  );
  return [
    serviceConfig(layout, name, {
      ...listenSettings(Services.dojoEngine),
      JWKS_URL: jwksUrl(layout),
      AWS_REGION: layout.region,
      CORS_ORIGINS: layout.webOrigin,
      DOJO_EVENTS_QUEUE: QueueNames.dojoEvents,
      KATA_RUN_REQUESTS_QUEUE: QueueNames.kataRunRequests,
      KATA_RUN_RESULTS_QUEUE: QueueNames.kataRunResults,
      ...engineVoiceSettings(layout).config,
    }),
    new ServiceAccount({ metadata }),
    new StatefulSet({
      metadata,
      spec: {
        serviceName: `${name}-pods`,
        replicas: dojoReplicas.min,
        // Pods start and stop in parallel: they share nothing but Redis and Postgres.
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: selectorOf(name) },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: labelsOf(name), annotations: scrapeAnnotations(Services.dojoEngine.metricsPort) },
          spec: {
            serviceAccountName: name,
            // Rooms flush their batched Automerge changes to Postgres and clients reconnect elsewhere.
            terminationGracePeriodSeconds: 60,
            securityContext: podSecurity,
            topologySpreadConstraints: spreadAcrossZones(name),
            containers: [
              serviceContainer({
                service: name,
                image: image(layout, name),
                port: Services.dojoEngine.port,
                metricsPort: Services.dojoEngine.metricsPort,
                env,
                resources: { cpu: '1', memory: '1Gi' },
              }),
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    }),
    // Headless governing Service of the StatefulSet (DNS per pod inside the cluster).
    new Service({
      metadata: { ...metadata, name: `${name}-pods` },
      spec: {
        clusterIP: 'None',
        selector: selectorOf(name),
        ports: [{ name: 'http', port: Services.dojoEngine.port, targetPort: 'http' }],
      },
    }),
    new Service({
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: selectorOf(name),
        ports: [{ name: 'http', port: Services.dojoEngine.port, targetPort: 'http', protocol: 'TCP' }],
      },
    }),
    ...perPod,
    new PodDisruptionBudget({ metadata, spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(name) } } }),
    new HorizontalPodAutoscaler({
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name },
        minReplicas: dojoReplicas.min,
        maxReplicas: dojoReplicas.max,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        ],
        // Scaling down moves live rooms (their clients reconnect): do it rarely.
        behavior: {
          scaleDown: { stabilizationWindowSeconds: 1800, policies: [{ type: 'Pods', value: 1, periodSeconds: 600 }] },
        },
      },
    }),
  ];
}
