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
  /** CPU utilisation the HPA aims at, in percent of the request. */
  targetCpu: number;
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
    new HorizontalPodAutoscaler({
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
    }),
  ];
}
