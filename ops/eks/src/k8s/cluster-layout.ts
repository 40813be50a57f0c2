import { apiHost, type DeploymentSettings, mediaBucketName } from '../deployment.ts';
import { Services } from '../services.ts';

/**
 * Names and addresses the manifests share: secret names (their values come
 * from Secrets Manager through External Secrets, never from this repository),
 * public hosts and in-cluster URLs.
 */
export const SecretNames = {
  /** `app-url` (DATABASE_URL), `owner-url`, `app-password`: see README for the ExternalSecret. */
  platformDatabase: 'platform-database',
  dojoDatabase: 'dojo-database',
  /** `url`: rediss://:token@primary-endpoint:6379 */
  dojoRedis: 'dojo-redis',
  /** `token`: the INTERNAL_TOKEN shared by the services. */
  internal: 'pocdojo-internal',
  /** `jwt-private-jwk`: platform-api's Ed25519 signing key. */
  platformKeys: 'platform-api-keys',
  /** `key`: LINK_SEALING_KEY, shared by platform-api (seals) and notifier (opens). */
  linkSealing: 'pocdojo-link-sealing',
  /** `key`: platform-api's MFA_SECRET_KEY, sealing members' TOTP secrets at rest (also read by its migration Job). */
  mfaSecret: 'platform-api-mfa-secret',
  notifierDatabase: 'notifier-database',
  /** `master-key` (Meilisearch) and `api-key` (search-indexer's key). */
  meilisearch: 'search-meilisearch',
  /** `static-auth-secret`: coturn's shared secret, with which dojo-engine signs voice members' TURN credentials. */
  turn: 'dojo-turn',
} as const;

/** Namespace of the ingress controller, the only source of public traffic (see README). */
export const ingressNamespace = 'ingress-nginx';
/** Namespace of the Prometheus that scrapes /metrics. */
export const monitoringNamespace = 'monitoring';

export interface ClusterLayout {
  namespace: string;
  /** Host of the public API (platform-api). */
  apiHost: string;
  /** Host of the dojo engine; each pod is also reachable at `${dojoHost}/${podName}/`. */
  dojoHost: string;
  /** Origin of the web app (CloudFront). */
  webOrigin: string;
  region: string;
  account: string;
  mediaBucket: string;
  imageTag: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com` */
  registry: string;
}

export function clusterLayout(settings: DeploymentSettings): ClusterLayout {
  return {
    namespace: settings.namespace,
    apiHost: apiHost(settings.publicHost),
    dojoHost: `dojo.${settings.publicHost}`,
    webOrigin: `https://${settings.publicHost}`,
    region: settings.region,
    account: settings.account,
    mediaBucket: mediaBucketName(settings),
    imageTag: settings.imageTag,
    registry: `${settings.account}.dkr.ecr.${settings.region}.amazonaws.com`,
  };
}

/** In-cluster base URL of a service. */
export const serviceUrl = (layout: ClusterLayout, service: { name: string; port: number }) =>
  `http://${service.name}.${layout.namespace}.svc.cluster.local:${service.port}`;

/** URL of one of the event queues (the stacks name them; QueueNames in services.ts). */
export const queueUrl = (layout: ClusterLayout, queue: string) =>
  `https://sqs.${layout.region}.amazonaws.com/${layout.account}/${queue}`;

export const image = (layout: ClusterLayout, service: string) =>
  `${layout.registry}/pocdojo/${service}:${layout.imageTag}`;

export const jwksUrl = (layout: ClusterLayout) => `${serviceUrl(layout, Services.platformApi)}/.well-known/jwks.json`;
