import { NotificationNames, QueueNames, Services } from '../services.ts';
import { type ClusterLayout, image, jwksUrl, queueUrl, SecretNames, serviceUrl } from './cluster-layout.ts';
import type { KubeObject } from './kube-object.ts';
import { meilisearchHosts } from './meilisearch.ts';
import { fromSecret, listenSettings, preStopSeconds } from './pod-parts.ts';
import { serviceConfig } from './service-config.ts';
import { statelessService } from './stateless-service.ts';

/** Meilisearch endpoint of search-indexer (see README: run separately; the embedded index is per pod). */
export const meilisearchUrl = (layout: ClusterLayout) =>
  `http://meilisearch.${layout.namespace}.svc.cluster.local:7700`;

/**
 * media-worker's shutdown, in the order it happens: the preStop sleep, then on
 * SIGTERM running renders get `renderGraceSeconds` to finish, then the worker
 * waits for its last long poll (`pollSeconds`) to end and hands unfinished jobs
 * back (visibility 0). Kubernetes must not kill it before that: the pod's grace
 * covers all of it with a margin (media-worker/README.md, Shutdown).
 */
export const MediaWorkerShutdown = {
  renderGraceSeconds: 240,
  pollSeconds: 20,
  handBackMarginSeconds: 10,
  get terminationGraceSeconds(): number {
    return preStopSeconds + this.renderGraceSeconds + this.pollSeconds + this.handBackMarginSeconds + 20;
  },
} as const;

/**
 * platform-api, search-indexer and media-worker with the environment
 * scripts/services.ts gives them locally, pointed at the AWS backends: no
 * AWS_ENDPOINT_URL (real SQS/S3 through Pod Identity credentials), the app role's
 * DATABASE_URL only (migrations run in their own Job), Meilisearch for search.
 */
export function statelessWorkloads(layout: ClusterLayout): KubeObject[] {
  const aws = { AWS_REGION: layout.region, S3_BUCKET: layout.mediaBucket };
  const internalToken = fromSecret('INTERNAL_TOKEN', SecretNames.internal, 'token');
  const { platformApi, searchIndexer, mediaWorker, notifier } = Services;
  const linkSealingKey = fromSecret('LINK_SEALING_KEY', SecretNames.linkSealing, 'key');
  const snsApplication = (platform: 'APNS' | 'GCM', name: string) =>
    `arn:aws:sns:${layout.region}:${layout.account}:app/${platform}/${name}`;
  const ns = layout.namespace;
  return [
    serviceConfig(layout, platformApi.name, {
      ...listenSettings(platformApi),
      PUBLIC_URL: `https://${layout.apiHost}`,
      SEARCH_URL: serviceUrl(layout, searchIndexer),
      // A team kata's starters run in the sandbox before it is saved.
      KATA_RUNNER_URL: serviceUrl(layout, Services.kataRunner),
      // Returned to clients in dojo tickets: the public engine address.
      DOJO_ENGINE_URL: `https://${layout.dojoHost}`,
      CORS_ORIGINS: layout.webOrigin,
      // Behind the ingress: client IPs (login rate limits) come from X-Forwarded-For.
      TRUST_PROXY: '1',
      ...aws,
    }),
    ...statelessService({
      service: platformApi.name,
      namespace: ns,
      image: image(layout, platformApi.name),
      port: platformApi.port,
      metricsPort: platformApi.metricsPort,
      env: [
        fromSecret('DATABASE_URL', SecretNames.platformDatabase, 'app-url'),
        fromSecret('JWT_PRIVATE_JWK', SecretNames.platformKeys, 'jwt-private-jwk'),
        // The shared rate-limit store: login throttling holds across every replica (keys prefixed platform-api:).
        fromSecret('REDIS_URL', SecretNames.dojoRedis, 'url'),
        internalToken,
        linkSealingKey,
        fromSecret('MFA_SECRET_KEY', SecretNames.mfaSecret, 'key'),
      ],
      resources: { cpu: '500m', memory: '512Mi' },
      replicas: { min: 3, max: 12 },
      targetCpu: 65,
      terminationGraceSeconds: 30,
    }),
    serviceConfig(layout, searchIndexer.name, {
      ...listenSettings(searchIndexer),
      PLATFORM_API_URL: serviceUrl(layout, platformApi),
      // Meilisearch, not the embedded engine: each replica's embedded index would see only its share of the events.
      // Every copy, one per zone: the indexer writes to all and reads from one in step.
      MEILI_HOST: meilisearchHosts(layout.namespace).join(','),
      SEARCH_DATA_DIR: '/tmp/search',
      AWS_REGION: layout.region,
    }),
    ...statelessService({
      service: searchIndexer.name,
      namespace: ns,
      image: image(layout, searchIndexer.name),
      port: searchIndexer.port,
      metricsPort: searchIndexer.metricsPort,
      env: [fromSecret('MEILI_API_KEY', SecretNames.meilisearch, 'api-key'), internalToken],
      resources: { cpu: '250m', memory: '512Mi' },
      replicas: { min: 3, max: 6 },
      targetCpu: 70,
      terminationGraceSeconds: 30,
    }),
    serviceConfig(layout, mediaWorker.name, {
      ...listenSettings(mediaWorker),
      PLATFORM_API_URL: serviceUrl(layout, platformApi),
      // Any engine pod answers a member's dojos (they are read from Postgres): the shared ClusterIP Service.
      DOJO_ENGINE_URL: serviceUrl(layout, Services.dojoEngine),
      // A member's notifications and deliveries, for their personal data export.
      NOTIFIER_URL: serviceUrl(layout, notifier),
      // Debian's maintained FFmpeg, installed in the image (imageBuildArgs), not the 2018 npm build.
      FFMPEG_PATH: '/usr/bin/ffmpeg',
      MEDIA_SHUTDOWN_GRACE_SECONDS: String(MediaWorkerShutdown.renderGraceSeconds),
      MEDIA_WAIT_TIME_SECONDS: String(MediaWorkerShutdown.pollSeconds),
      ...aws,
    }),
    ...statelessService({
      service: mediaWorker.name,
      namespace: ns,
      image: image(layout, mediaWorker.name),
      port: mediaWorker.port,
      metricsPort: mediaWorker.metricsPort,
      env: [internalToken],
      // FFmpeg renders: a CPU limit keeps a video from starving the node's other pods.
      resources: { cpu: '1', memory: '1536Mi', cpuLimit: '2' },
      replicas: { min: 3, max: 10 },
      targetCpu: 70,
      // Renders queue up long before CPU shows it: two waiting jobs per replica is the target.
      queueScaling: { queueUrl: queueUrl(layout, QueueNames.mediaJobs), region: layout.region, messagesPerReplica: 2 },
      // A render in flight finishes or hands its job back before the pod goes.
      terminationGraceSeconds: MediaWorkerShutdown.terminationGraceSeconds,
    }),
    serviceConfig(layout, notifier.name, {
      ...listenSettings(notifier),
      PLATFORM_API_URL: serviceUrl(layout, platformApi),
      JWKS_URL: jwksUrl(layout),
      WEB_PUBLIC_URL: layout.webOrigin,
      CORS_ORIGINS: layout.webOrigin,
      TRUST_PROXY: '1',
      AWS_REGION: layout.region,
      NOTIFICATIONS_QUEUE: QueueNames.notifications,
      EMAIL_TRANSPORT: 'ses',
      SES_CONFIGURATION_SET: NotificationNames.configurationSet,
      SES_FEEDBACK_QUEUE: QueueNames.sesFeedback,
      EMAIL_FROM: `PocDojo <no-reply@${new URL(layout.webOrigin).host}>`,
      PUSH_TRANSPORT: 'sns',
      SNS_APNS_APPLICATION_ARN: snsApplication('APNS', NotificationNames.apnsApplication),
      SNS_FCM_APPLICATION_ARN: snsApplication('GCM', NotificationNames.fcmApplication),
    }),
    ...statelessService({
      service: notifier.name,
      namespace: ns,
      image: image(layout, notifier.name),
      port: notifier.port,
      metricsPort: notifier.metricsPort,
      env: [fromSecret('DATABASE_URL', SecretNames.notifierDatabase, 'app-url'), internalToken, linkSealingKey],
      resources: { cpu: '250m', memory: '384Mi' },
      // Replicas share the work safely: deliveries are claimed FOR UPDATE SKIP LOCKED, schedules fire once.
      replicas: { min: 3, max: 6 },
      targetCpu: 70,
      // The in-flight dispatch pass finishes and the SQS consumer stops before the pod goes.
      terminationGraceSeconds: 60,
    }),
  ];
}
