import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { ITopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';

/** Labels every object of a service carries; `app.kubernetes.io/name` is the selector. */
export const labelsOf = (service: string) => ({
  'app.kubernetes.io/name': service,
  'app.kubernetes.io/part-of': 'pocdojo',
});
export const selectorOf = (service: string) => ({ 'app.kubernetes.io/name': service });

export const fromSecret = (name: string, secret: string, key: string): IEnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

/** Where the images hold the repository-shaped workspace (README, image contract). */
export const imageWorkdir = '/app';

export const configMapName = (service: string) => `${service}-config`;

export const plain = (env: Record<string, string>): IEnvVar[] =>
  Object.entries(env).map(([name, value]) => ({ name, value }));

/**
 * Spread replicas over zones first (a zone outage keeps ≥ 2/3 of them) and
 * then over nodes. Zones are a hard rule only when it can be met; nodes are best effort.
 */
export const spreadAcrossZones = (service: string): ITopologySpreadConstraint[] => [
  {
    maxSkew: 1,
    topologyKey: 'topology.kubernetes.io/zone',
    whenUnsatisfiable: 'DoNotSchedule',
    labelSelector: { matchLabels: selectorOf(service) },
  },
  {
    maxSkew: 1,
    topologyKey: 'kubernetes.io/hostname',
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: selectorOf(service) },
  },
];

/** How long a terminating pod keeps serving before SIGTERM; every grace period is longer than this plus its drain. */
export const preStopSeconds = 10;

/** The services run as the image's non-root `node` user (uid 1000) with a read-only root file system. */
export const podSecurity: IPodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * How the cluster's Prometheus finds a pod's metrics (the common
 * `prometheus.io/*` annotations its kubernetes_sd config keeps); the port is
 * the container's `metrics` port, open to the monitoring namespace only.
 */
export const scrapeAnnotations = (metricsPort: number) => ({
  'prometheus.io/scrape': 'true',
  'prometheus.io/port': String(metricsPort),
  'prometheus.io/path': '/metrics',
});

/**
 * The settings every service container listens with: all interfaces inside
 * the pod (the network policies decide who connects), metrics on their own port.
 */
export const listenSettings = (service: { port: number; metricsPort: number }) => ({
  HOST: '0.0.0.0',
  PORT: String(service.port),
  METRICS_PORT: String(service.metricsPort),
});

export interface ContainerSpec {
  service: string;
  image: string;
  port: number;
  /** Prometheus /metrics, exposed as the `metrics` container port. */
  metricsPort: number;
  /** Secret references and field references; plain settings come from the `<service>-config` ConfigMap. */
  env: IEnvVar[];
  resources: { cpu: string; memory: string; cpuLimit?: string };
  /** Volumes besides the writable /tmp. */
  extraMounts?: IContainer['volumeMounts'];
}

/**
 * The service container: `node --import @pocdojo/common/instrument <service>/src/main.ts`
 * (tracing and error reporting start first, as in the image's CMD) from the repository-shaped
 * image (WORKDIR /app), probes on /healthz (liveness) and /readyz (readiness).
 */
export function serviceContainer(spec: ContainerSpec): IContainer {
  const probe = (path: string) => ({ httpGet: { path, port: 'http' }, periodSeconds: 10, timeoutSeconds: 3 });
  return {
    name: spec.service,
    image: spec.image,
    workingDir: imageWorkdir,
    command: ['node', '--import', '@pocdojo/common/instrument', `${spec.service}/src/main.ts`],
    ports: [
      { name: 'http', containerPort: spec.port, protocol: 'TCP' },
      { name: 'metrics', containerPort: spec.metricsPort, protocol: 'TCP' },
    ],
    envFrom: [{ configMapRef: { name: configMapName(spec.service) } }],
    env: spec.env,
    resources: {
      requests: { cpu: spec.resources.cpu, memory: spec.resources.memory },
      // Memory is limited (a leak restarts the pod); CPU only where a burst would starve neighbours.
      limits: { memory: spec.resources.memory, ...(spec.resources.cpuLimit ? { cpu: spec.resources.cpuLimit } : {}) },
    },
    startupProbe: { ...probe('/healthz'), failureThreshold: 30, periodSeconds: 2 },
    livenessProbe: { ...probe('/healthz'), failureThreshold: 3 },
    readinessProbe: { ...probe('/readyz'), failureThreshold: 2, periodSeconds: 5 },
    // Endpoints and the load balancer learn of a terminating pod only after it got SIGTERM: keep serving
    // for a while so no request or WebSocket is sent to a closed port during a rolling update.
    lifecycle: { preStop: { sleep: { seconds: preStopSeconds } } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...(spec.extraMounts ?? [])],
  };
}
