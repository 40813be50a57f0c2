import type { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { RuntimeClass } from 'kubernetes-models/node.k8s.io/v1/RuntimeClass';
import type { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { QueueNames, Services } from '../services.ts';
import { type ClusterLayout, image, SecretNames } from './cluster-layout.ts';
import type { KubeObject } from './kube-object.ts';
import { otelCollector } from './otel-collector.ts';
import { fromSecret, listenSettings, selectorOf } from './pod-parts.ts';
import { serviceConfig } from './service-config.ts';
import { statelessService } from './stateless-service.ts';

/** The node group kata code runs on, and nothing else (label and taint set by the compute stack). */
export const SandboxNodes = { labelKey: 'pocdojo.dev/sandbox', value: 'gvisor' } as const;

/** gVisor's containerd shim, installed on the sandbox nodes by their launch template (compute stack). */
export const gvisorRuntimeClass = 'gvisor';

/** The VPC (network stack): the SQS interface endpoint the runner reaches is inside it. */
export const vpcCidr = '10.40.0.0/16';

/**
 * kata-runner runs hostile code, so its pods add layers to the bubblewrap sandbox of each run:
 * - gVisor (RuntimeClass `gvisor`): the pod's system calls go to gVisor's user-space kernel, not the node's;
 * - a node group of their own (node selector + toleration of its taint): a breakout lands on a node that
 *   holds no other workload's data or credentials;
 * - no Kubernetes API token in the pod (on the ServiceAccount and the pod spec);
 * - egress denied except DNS and HTTPS inside the VPC (the SQS endpoint); no ingress but Prometheus
 *   (network-policies.ts).
 * Its Pod Identity role may only receive run requests and send results (compute/workload-roles.ts).
 */
export function kataRunner(layout: ClusterLayout): KubeObject[] {
  const { kataRunner: runner } = Services;
  const objects = statelessService({
    service: runner.name,
    namespace: layout.namespace,
    image: image(layout, runner.name),
    port: runner.port,
    metricsPort: runner.metricsPort,
    // The internal token guards /internal/v1/check (platform-api's starter check).
    env: [fromSecret('INTERNAL_TOKEN', SecretNames.internal, 'token')],
    // Each run is bounded by the runner's limits; the pod's memory limit bounds them all together.
    resources: { cpu: '2', memory: '3Gi', cpuLimit: '2' },
    replicas: { min: 3, max: 20 },
    targetCpu: 60,
    // Running tests finish (20 s wall limit each) before the pod goes.
    terminationGraceSeconds: 40,
  });
  for (const object of objects) {
    if (object.kind === 'ServiceAccount') (object as ServiceAccount).automountServiceAccountToken = false;
    if (object.kind === 'Deployment') {
      const pod = (object as Deployment).spec!.template.spec!;
      pod.runtimeClassName = gvisorRuntimeClass;
      pod.automountServiceAccountToken = false;
      pod.nodeSelector = { [SandboxNodes.labelKey]: SandboxNodes.value };
      pod.tolerations = [
        { key: SandboxNodes.labelKey, operator: 'Equal', value: SandboxNodes.value, effect: 'NoSchedule' },
      ];
    }
  }
  return [
    new RuntimeClass({
      metadata: { name: gvisorRuntimeClass },
      handler: 'runsc',
      // Pods of this class land on the sandbox nodes only (the only ones with runsc).
      scheduling: {
        nodeSelector: { [SandboxNodes.labelKey]: SandboxNodes.value },
        tolerations: [
          { key: SandboxNodes.labelKey, operator: 'Equal', value: SandboxNodes.value, effect: 'NoSchedule' },
        ],
      },
    }),
    serviceConfig(layout, runner.name, {
      ...listenSettings(runner),
      AWS_REGION: layout.region,
      KATA_RUN_REQUESTS_QUEUE: QueueNames.kataRunRequests,
      KATA_RUN_RESULTS_QUEUE: QueueNames.kataRunResults,
      KATA_RUNNER_CONCURRENCY: '2',
      KATA_RUNNER_SCRATCH_DIR: '/tmp/kata-runner',
      KATA_RUNNER_CACHE_DIR: '/tmp/kata-runner-cache',
    }),
    ...objects,
    new NetworkPolicy({
      metadata: { name: `${runner.name}-egress`, namespace: layout.namespace },
      spec: {
        podSelector: { matchLabels: selectorOf(runner.name) },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
          // SQS and Pod Identity credentials through the VPC's interface endpoints.
          { to: [{ ipBlock: { cidr: vpcCidr } }], ports: [{ protocol: 'TCP', port: 443 }] },
          // Its spans, to the collector on its node.
          {
            to: [{ podSelector: { matchLabels: selectorOf(otelCollector.name) } }],
            ports: [{ protocol: 'TCP', port: otelCollector.otlpHttpPort }],
          },
        ],
      },
    }),
  ];
}
