import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import { Services } from '../services.ts';
import { type ClusterLayout, ingressNamespace, monitoringNamespace } from './cluster-layout.ts';
import type { KubeObject } from './kube-object.ts';
import { meilisearch } from './meilisearch.ts';
import { selectorOf } from './pod-parts.ts';

const fromNamespace = (namespace: string): INetworkPolicyPeer => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
});
const tcp = (port: number) => [{ protocol: 'TCP' as const, port }];
const fromService = (service: string): INetworkPolicyPeer => ({ podSelector: { matchLabels: selectorOf(service) } });

/**
 * Who may open a connection to whom (enforced by the VPC CNI's network policy
 * agent, enabled in the compute stack). Everything is denied, then allowed per service:
 * - platform-api: the ingress, and the services that call its /internal API or JWKS;
 * - dojo-engine: the ingress, and media-worker (its /internal member-dojos export);
 * - search-indexer: platform-api only (search queries) — never the ingress;
 * - media-worker: nobody but Prometheus — never the ingress;
 * - notifier: the ingress (the bell, devices, preferences, delivery status), and media-worker (its
 *   /internal member-data export, for personal data archives);
 * - meilisearch: search-indexer only.
 * Prometheus (the monitoring namespace) reaches each service's metrics port
 * only, and none of those callers reach it.
 */
export const allowedCallers: Record<string, INetworkPolicyPeer[]> = {
  [Services.platformApi.name]: [
    fromNamespace(ingressNamespace),
    fromService(Services.dojoEngine.name),
    fromService(Services.searchIndexer.name),
    fromService(Services.mediaWorker.name),
    // The member lookup on every notifier request (/internal/v1/members) and the JWKS.
    fromService(Services.notifier.name),
  ],
  // The ingress (its public API on the API host), and media-worker for a member's notifications (personal data export).
  [Services.notifier.name]: [fromNamespace(ingressNamespace), fromService(Services.mediaWorker.name)],
  [Services.dojoEngine.name]: [fromNamespace(ingressNamespace), fromService(Services.mediaWorker.name)],
  [Services.searchIndexer.name]: [fromService(Services.platformApi.name)],
  [Services.mediaWorker.name]: [],
  // platform-api's sandbox check of a team kata's starters (/internal/v1/check); its egress is closed (k8s/kata-runner.ts).
  [Services.kataRunner.name]: [fromService(Services.platformApi.name)],
  [meilisearch.name]: [fromService(Services.searchIndexer.name)],
};

const portOf: Record<string, number> = Object.fromEntries(
  [...Object.values(Services), meilisearch].map((s) => [s.name, s.port]),
);
const metricsPortOf: Record<string, number | undefined> = Object.fromEntries(
  Object.values(Services).map((s) => [s.name, 'metricsPort' in s ? s.metricsPort : undefined]),
);

function ingressRules(service: string, callers: INetworkPolicyPeer[]): INetworkPolicyIngressRule[] {
  const metricsPort = metricsPortOf[service];
  const monitoring = fromNamespace(monitoringNamespace);
  // Meilisearch serves its own /metrics on its one port.
  if (!metricsPort) return [{ from: [...callers, monitoring], ports: tcp(portOf[service]!) }];
  return [
    ...(callers.length ? [{ from: callers, ports: tcp(portOf[service]!) }] : []),
    { from: [monitoring], ports: tcp(metricsPort) },
  ];
}

export function networkPolicies(layout: ClusterLayout): KubeObject[] {
  const namespace = layout.namespace;
  return [
    new NetworkPolicy({
      metadata: { name: 'default-deny-ingress', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    }),
    ...Object.entries(allowedCallers).map(
      ([service, callers]) =>
        new NetworkPolicy({
          metadata: { name: `${service}-ingress`, namespace },
          spec: {
            podSelector: { matchLabels: selectorOf(service) },
            policyTypes: ['Ingress'],
            ingress: ingressRules(service, callers),
          },
        }),
    ),
  ];
}
