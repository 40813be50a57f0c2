import type { ClusterLayout } from './cluster-layout.ts';
import type { KubeObject } from './kube-object.ts';
import { customObject } from './stateless-service.ts';

/**
 * Tells the cluster's Prometheus (the Prometheus Operator, e.g. kube-prometheus-stack in the
 * `monitoring` namespace, see README) to scrape every PocDojo pod's `metrics` container port
 * (9300–9305), which the network policies open to that namespace only. The `service` label
 * is what the dashboards and alert rules group by.
 */
export function podMonitor(layout: ClusterLayout): KubeObject {
  return customObject(
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'pocdojo', namespace: layout.namespace, labels: { 'app.kubernetes.io/part-of': 'pocdojo' } },
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/part-of': 'pocdojo' } },
        namespaceSelector: { matchNames: [layout.namespace] },
        podMetricsEndpoints: [
          {
            port: 'metrics',
            path: '/metrics',
            interval: '30s',
            relabelings: [
              { sourceLabels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'], targetLabel: 'service' },
              { sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod' },
            ],
          },
        ],
      },
    },
    ['spec.selector.matchLabels', 'spec.podMetricsEndpoints'],
  );
}
