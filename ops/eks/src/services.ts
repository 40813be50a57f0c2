/**
 * The catalogue of deployable services, shared by the CDK stacks (ECR
 * repositories, Pod Identity roles) and the Kubernetes manifests, so a service
 * is named once. Ports and env follow scripts/services.ts and architecture §8;
 * `metricsPort` serves /metrics to Prometheus only, never through the service port.
 */
export const Services = {
  platformApi: { name: 'platform-api', port: 3000, metricsPort: 9300, database: 'platform' },
  dojoEngine: { name: 'dojo-engine', port: 2567, metricsPort: 9301, database: 'dojo' },
  searchIndexer: { name: 'search-indexer', port: 7701, metricsPort: 9302, database: null },
  mediaWorker: { name: 'media-worker', port: 7702, metricsPort: 9303, database: null },
  kataRunner: { name: 'kata-runner', port: 7704, metricsPort: 9305, database: null },
  notifier: { name: 'notifier', port: 7703, metricsPort: 9304, database: 'notifier' },
  web: { name: 'web', port: 8080, database: null },
} as const;

export type ServiceKey = keyof typeof Services;
export type ServiceName = (typeof Services)[ServiceKey]['name'];

/** Services built into container images (the web app is static files on S3 + CloudFront). */
export const containerServices = [
  Services.platformApi,
  Services.dojoEngine,
  Services.searchIndexer,
  Services.mediaWorker,
  Services.kataRunner,
  Services.notifier,
] as const;

export type ContainerServiceName = (typeof containerServices)[number]['name'];

/**
 * Build arguments of each service's image (ops/images/Dockerfile is one recipe for all of them):
 * `SERVICE` is the workspace the image runs, `APT_PACKAGES` the Debian packages it needs besides Node.
 */
export const imageBuildArgs: Record<ContainerServiceName, { SERVICE: string; APT_PACKAGES: string }> = {
  'platform-api': { SERVICE: 'platform-api', APT_PACKAGES: '' },
  'dojo-engine': { SERVICE: 'dojo-engine', APT_PACKAGES: '' },
  'search-indexer': { SERVICE: 'search-indexer', APT_PACKAGES: '' },
  'media-worker': { SERVICE: 'media-worker', APT_PACKAGES: 'ffmpeg fonts-dejavu-core' },
  // The sandbox and the kata catalogue's toolchains with the starters' test frameworks (kata-runner/README.md).
  'kata-runner': {
    SERVICE: 'kata-runner',
    APT_PACKAGES: 'bubblewrap python3-pytest golang-go default-jdk-headless junit5',
  },
  notifier: { SERVICE: 'notifier', APT_PACKAGES: '' },
};

/** One Postgres database (and RDS instance) per service that owns data, architecture §3. */
export const databaseServices = [Services.platformApi, Services.dojoEngine, Services.notifier] as const;
export type DatabaseName = (typeof databaseServices)[number]['database'];

/** Queue names the services use by default (common/src/contracts/events.ts); each gets `${name}-dlq`. */
export const QueueNames = {
  pocEvents: 'poc-events',
  mediaJobs: 'media-jobs',
  mediaResults: 'media-results',
  dojoEvents: 'dojo-events',
  /** dojo-engine → kata-runner test runs, and their results back (common/src/contracts/kata-runs.ts). */
  kataRunRequests: 'kata-run-requests',
  kataRunResults: 'kata-run-results',
  /** platform-api → notifier: notification.requested events (common/src/contracts/notifications.ts). */
  notifications: 'notifications',
  /** SES bounce and complaint events (configuration set → SNS → here) that notifier turns into suppressions. */
  sesFeedback: 'ses-feedback',
  /** Every service that keeps tenant data → platform-api: `tenant.erasure_reported` (common/src/tenant-erasure.ts). */
  erasureReports: 'erasure-reports',
} as const;

/** Names the notifier's configuration and the operator's runbook (README) share. */
export const NotificationNames = {
  configurationSet: 'pocdojo-notifications',
  feedbackTopic: 'pocdojo-ses-feedback',
  /** SNS platform applications, created by the operator (CloudFormation has no resource for them). */
  apnsApplication: 'pocdojo-apns',
  fcmApplication: 'pocdojo-fcm',
} as const;
