import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { KubeObject } from './kube-object.ts';
import {
  labelsOf,
  podSecurity,
  scrapeAnnotations,
  selectorOf,
  serviceContainer,
  spreadAcrossZones,
} from './pod-parts.ts';

export interface StatelessServiceSpec {
  service: string;
  namespace: string;
  image: string;
  port: number;
  metricsPort: number;
  env: IEnvVar[];
  resources: { cpu: string; memory: string; cpuLimit?: string };
  /** HPA bounds; `min` ≥ zones so every zone keeps a replica. */
  replicas: { min: number; max: number };
  /** CPU utilisation the autoscaler aims at, in percent of the request. */
  targetCpu: number;
  /**
   * Scale on a queue's depth as well as CPU, through KEDA (which then owns the HPA): one replica per
   * `messagesPerReplica` visible and in-flight messages.
   */
  queueScaling?: { queueUrl: string; region: string; messagesPerReplica: number };
  /** Seconds between SIGTERM and SIGKILL: how long in-flight work may take to finish. */
  terminationGraceSeconds: number;
  volumes?: IVolume[];
  volumeMounts?: IVolumeMount[];
}

/**
 * A stateless service: ServiceAccount (bound to its IAM role by Pod Identity),
 * Deployment spread across zones, ClusterIP Service, PodDisruptionBudget and HPA.
 */
export function statelessService(spec: StatelessServiceSpec): KubeObject[] {
  const metadata = { name: spec.service, namespace: spec.namespace, labels: labelsOf(spec.service) };
  return [
    new ServiceAccount({ metadata }),
    new Deployment({
      metadata,
      spec: {
        replicas: spec.replicas.min,
        revisionHistoryLimit: 5,
        selector: { matchLabels: selectorOf(spec.service) },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
        template: {
          metadata: { labels: labelsOf(spec.service), annotations: scrapeAnnotations(spec.metricsPort) },
          spec: {
            serviceAccountName: spec.service,
            terminationGracePeriodSeconds: spec.terminationGraceSeconds,
            securityContext: podSecurity,
            topologySpreadConstraints: spreadAcrossZones(spec.service),
            containers: [
              serviceContainer({
                service: spec.service,
                image: spec.image,
                port: spec.port,
                metricsPort: spec.metricsPort,
                env: spec.env,
                resources: spec.resources,
                extraMounts: spec.volumeMounts,
              }),
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }, ...(spec.volumes ?? [])],
          },
        },
      },
    }),
    new Service({
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: selectorOf(spec.service),
        ports: [{ name: 'http', port: spec.port, targetPort: 'http', protocol: 'TCP' }],
      },
    }),
    new PodDisruptionBudget({
      metadata,
      spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(spec.service) } },
    }),
    ...(spec.queueScaling ? queueAutoscaling(spec, spec.queueScaling) : [cpuAutoscaler(spec)]),
  ];
}

function cpuAutoscaler(spec: StatelessServiceSpec): KubeObject {
  const metadata = { name: spec.service, namespace: spec.namespace, labels: labelsOf(spec.service) };
  return new HorizontalPodAutoscaler({
    metadata,
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: spec.service },
      minReplicas: spec.replicas.min,
      maxReplicas: spec.replicas.max,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCpu } },
        },
      ],
      // Scale down slowly: queue consumers see bursty load.
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  });
}

/**
 * A KEDA ScaledObject: the queue's depth and CPU both drive the replica count, within the same bounds.
 * KEDA's CRD is not in kubernetes-models, so this object checks its own required fields.
 */
function queueAutoscaling(
  spec: StatelessServiceSpec,
  queue: NonNullable<StatelessServiceSpec['queueScaling']>,
): KubeObject[] {
  const metadata = { name: spec.service, namespace: spec.namespace, labels: labelsOf(spec.service) };
  const object = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata,
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: spec.service },
      minReplicaCount: spec.replicas.min,
      maxReplicaCount: spec.replicas.max,
      advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } } },
      triggers: [
        {
          type: 'aws-sqs-queue',
          // The KEDA operator's own Pod Identity role reads the queue's attributes (ops/eks compute).
          authenticationRef: { name: `${spec.service}-keda` },
          metadata: {
            queueURL: queue.queueUrl,
            awsRegion: queue.region,
            queueLength: String(queue.messagesPerReplica),
          },
        },
        { type: 'cpu', metricType: 'Utilization', metadata: { value: String(spec.targetCpu) } },
      ],
    },
  };
  const authentication = {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'TriggerAuthentication',
    metadata: { ...metadata, name: `${spec.service}-keda` },
    spec: { podIdentity: { provider: 'aws', identityOwner: 'keda' } },
  };
  return [
    customObject(object, ['spec.scaleTargetRef.name', 'spec.triggers', 'spec.maxReplicaCount']),
    customObject(authentication, ['spec.podIdentity.provider']),
  ];
}

/** An object of a CRD that kubernetes-models does not know: it checks the fields named as required. */
export function customObject<T extends { apiVersion: string; kind: string; metadata: KubeObject['metadata'] }>(
  json: T,
  required: string[],
): KubeObject {
  return {
    ...json,
    validate() {
      for (const path of required) {
        const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], json);
        if (value === undefined || value === '')
          throw new Error(`${json.kind} ${json.metadata?.name}: ${path} is required`);
      }
    },
    toJSON: () => json,
  };
}
