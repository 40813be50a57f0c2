import type { IHTTPIngressPath } from 'kubernetes-models/networking.k8s.io/v1/HTTPIngressPath';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Services } from '../services.ts';
import type { ClusterLayout } from './cluster-layout.ts';
import { dojoPodNames } from './dojo-engine.ts';
import type { KubeObject } from './kube-object.ts';

/** Ingress class of the controller in front of the cluster (README: NGINX-compatible, behind an NLB). */
export const ingressClassName = 'nginx';

/**
 * Public prefixes of platform-api: an allow-list, so `/internal/…` (service-to-service,
 * shared-secret auth) and `/metrics` are never routed from the internet.
 */
export const publicApiPrefixes = ['/v1', '/.well-known/jwks.json'] as const;

/** notifier's public API on the API host (the bell, devices, preferences, delivery status); longer prefixes win. */
export const publicNotifierPrefixes = [
  '/v1/notifications',
  '/v1/devices',
  '/v1/notification-preferences',
  '/v1/deliveries',
] as const;

const backend = (service: string, port: number) => ({ service: { name: service, port: { number: port } } });

const common = {
  'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
  'nginx.ingress.kubernetes.io/proxy-body-size': '10m',
};

/** Public prefixes of the dojo engine answered by any pod: matchmaking and the session history API. */
export const publicDojoPrefixes = ['/matchmake', '/v1/dojos'] as const;

/**
 * Three Ingresses: the API (allow-listed prefixes); the dojo engine's shared
 * prefixes (any pod answers, through Redis); and `/dojo-engine-N/…`, which
 * reaches exactly pod N with the prefix stripped (Colyseus's per-process public
 * address). The rewrite lives on its own Ingress because ingress-nginx applies
 * `rewrite-target` to every path of an Ingress.
 * WebSockets stay open for an hour: a dojo session lasts that long.
 */
export function publicRoutes(layout: ClusterLayout): KubeObject[] {
  const tls = (host: string) => [{ hosts: [host], secretName: `${host.replaceAll('.', '-')}-tls` }];
  const prefixPaths = (prefixes: readonly string[], service: { name: string; port: number }): IHTTPIngressPath[] =>
    prefixes.map((path) => ({ path, pathType: 'Prefix', backend: backend(service.name, service.port) }));
  const podPaths: IHTTPIngressPath[] = dojoPodNames().map((pod) => ({
    path: `/${pod}(/|$)(.*)`,
    pathType: 'ImplementationSpecific',
    backend: backend(pod, Services.dojoEngine.port),
  }));
  const websockets = {
    'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
    'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
  };
  return [
    new Ingress({
      metadata: { name: 'platform-api', namespace: layout.namespace, annotations: common },
      spec: {
        ingressClassName,
        tls: tls(layout.apiHost),
        rules: [
          {
            host: layout.apiHost,
            http: {
              paths: [
                ...prefixPaths(publicApiPrefixes, Services.platformApi),
                ...prefixPaths(publicNotifierPrefixes, Services.notifier),
              ],
            },
          },
        ],
      },
    }),
    new Ingress({
      metadata: { name: 'dojo-engine', namespace: layout.namespace, annotations: common },
      spec: {
        ingressClassName,
        tls: tls(layout.dojoHost),
        rules: [{ host: layout.dojoHost, http: { paths: prefixPaths(publicDojoPrefixes, Services.dojoEngine) } }],
      },
    }),
    new Ingress({
      metadata: {
        name: 'dojo-engine-pods',
        namespace: layout.namespace,
        annotations: {
          ...common,
          ...websockets,
          'nginx.ingress.kubernetes.io/use-regex': 'true',
          'nginx.ingress.kubernetes.io/rewrite-target': '/$2',
        },
      },
      spec: {
        ingressClassName,
        tls: tls(layout.dojoHost),
        rules: [{ host: layout.dojoHost, http: { paths: podPaths } }],
      },
    }),
  ];
}
