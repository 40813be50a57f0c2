import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { ClusterLayout } from './cluster-layout.ts';
import { SandboxNodes } from './kata-runner.ts';
import type { KubeObject } from './kube-object.ts';
import { labelsOf, selectorOf } from './pod-parts.ts';

/**
 * The AWS Distro for OpenTelemetry collector. Pinned by tag: no registry is
 * reachable where this is written to read its digest; the delivery workflow
 * should pin the digest it pulls.
 */
export const otelCollector = {
  name: 'adot-collector',
  image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.45.0',
  otlpGrpcPort: 4317,
  otlpHttpPort: 4318,
  healthPort: 13133,
} as const;

/** Where every service sends its spans (OTLP over HTTP): the collector on its own node. */
export const otlpEndpoint = (layout: ClusterLayout) =>
  `http://${otelCollector.name}.${layout.namespace}.svc.cluster.local:${otelCollector.otlpHttpPort}`;

/**
 * The collector's configuration: OTLP in, batched, out to AWS X-Ray's OTLP
 * endpoint signed with SigV4 (the pod's Pod Identity role; X-Ray takes W3C
 * trace ids there, so the services need no X-Ray id generator). The `awsxray`
 * exporter is deprecated for this endpoint, which needs CloudWatch Transaction
 * Search (enabled by the compute stack). JSON is YAML, so no YAML writer is needed.
 */
export function collectorConfig(layout: ClusterLayout): Record<string, unknown> {
  return {
    extensions: {
      health_check: { endpoint: `0.0.0.0:${otelCollector.healthPort}` },
      sigv4auth: { region: layout.region, service: 'xray' },
    },
    receivers: {
      otlp: {
        protocols: {
          grpc: { endpoint: `0.0.0.0:${otelCollector.otlpGrpcPort}` },
          http: { endpoint: `0.0.0.0:${otelCollector.otlpHttpPort}` },
        },
      },
    },
    processors: {
      memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 25 },
      resourcedetection: { detectors: ['env', 'eks'], timeout: '5s', override: false },
      batch: { timeout: '5s', send_batch_size: 512 },
    },
    exporters: {
      'otlphttp/xray': {
        traces_endpoint: `https://xray.${layout.region}.amazonaws.com/v1/traces`,
        auth: { authenticator: 'sigv4auth' },
        compression: 'gzip',
      },
    },
    service: {
      extensions: ['health_check', 'sigv4auth'],
      pipelines: {
        traces: {
          receivers: ['otlp'],
          processors: ['memory_limiter', 'resourcedetection', 'batch'],
          exporters: ['otlphttp/xray'],
        },
      },
    },
  };
}

/**
 * One collector per node (a DaemonSet, tolerating the kata-runner's sandbox
 * nodes too), reached through a Service with `internalTrafficPolicy: Local`,
 * so a pod's spans never leave its node before the collector batches them,
 * and no hostPort is needed (the namespace enforces the restricted Pod
 * Security Standard). Its ServiceAccount is bound to an IAM role that may
 * only write to X-Ray (compute/workload-roles.ts).
 */
export function otelCollectorObjects(layout: ClusterLayout): KubeObject[] {
  const metadata = { name: otelCollector.name, namespace: layout.namespace, labels: labelsOf(otelCollector.name) };
  const configFile = 'collector.yaml';
  return [
    new ServiceAccount({ metadata }),
    new ConfigMap({ metadata, data: { [configFile]: JSON.stringify(collectorConfig(layout), null, 2) } }),
    new DaemonSet({
      metadata,
      spec: {
        selector: { matchLabels: selectorOf(otelCollector.name) },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: labelsOf(otelCollector.name) },
          spec: {
            serviceAccountName: otelCollector.name,
            priorityClassName: 'system-node-critical',
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 10001,
              runAsGroup: 10001,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            tolerations: [
              { key: SandboxNodes.labelKey, operator: 'Equal', value: SandboxNodes.value, effect: 'NoSchedule' },
            ],
            containers: [
              {
                name: 'collector',
                image: otelCollector.image,
                args: [`--config=/etc/otel/${configFile}`],
                ports: [
                  { name: 'otlp-grpc', containerPort: otelCollector.otlpGrpcPort, protocol: 'TCP' },
                  { name: 'otlp-http', containerPort: otelCollector.otlpHttpPort, protocol: 'TCP' },
                  { name: 'health', containerPort: otelCollector.healthPort, protocol: 'TCP' },
                ],
                env: [{ name: 'K8S_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
                livenessProbe: { httpGet: { path: '/', port: 'health' }, periodSeconds: 10 },
                readinessProbe: { httpGet: { path: '/', port: 'health' }, periodSeconds: 10 },
                resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'config', mountPath: '/etc/otel', readOnly: true }],
              },
            ],
            volumes: [{ name: 'config', configMap: { name: otelCollector.name } }],
          },
        },
      },
    }),
    new Service({
      metadata,
      spec: {
        type: 'ClusterIP',
        internalTrafficPolicy: 'Local',
        selector: selectorOf(otelCollector.name),
        ports: [
          { name: 'otlp-grpc', port: otelCollector.otlpGrpcPort, targetPort: 'otlp-grpc', protocol: 'TCP' },
          { name: 'otlp-http', port: otelCollector.otlpHttpPort, targetPort: 'otlp-http', protocol: 'TCP' },
        ],
      },
    }),
    // The namespace denies ingress by default: the services' pods may send spans, nobody else may connect.
    new NetworkPolicy({
      metadata: { ...metadata, name: `${otelCollector.name}-ingress` },
      spec: {
        podSelector: { matchLabels: selectorOf(otelCollector.name) },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'pocdojo' } } }],
            ports: [
              { protocol: 'TCP', port: otelCollector.otlpGrpcPort },
              { protocol: 'TCP', port: otelCollector.otlpHttpPort },
            ],
          },
        ],
      },
    }),
  ];
}
