import { ApiObject, App, Chart } from 'cdk8s';
import type { DeploymentSettings } from '../deployment.ts';
import { clusterLayout } from './cluster-layout.ts';
import { dojoEngine } from './dojo-engine.ts';
import { kataRunner } from './kata-runner.ts';
import type { KubeObject } from './kube-object.ts';
import { meilisearchObjects } from './meilisearch.ts';
import { migrationJobs } from './migration-job.ts';
import { networkPolicies } from './network-policies.ts';
import { otelCollectorObjects } from './otel-collector.ts';
import { podMonitor } from './pod-monitor.ts';
import { publicRoutes } from './public-routes.ts';
import { namespace } from './service-config.ts';
import { statelessWorkloads } from './stateless-workloads.ts';
import { turnServer } from './turn-server.ts';

/** Thrown when a generated object does not match the Kubernetes schema; names the object. */
export class ManifestValidationError extends Error {
  constructor(object: KubeObject, cause: unknown) {
    super(`${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name}: ${String(cause)}`, { cause });
    this.name = 'ManifestValidationError';
  }
}

/** Every object of the deployment, each validated against the Kubernetes schema. */
export function pocdojoObjects(settings: DeploymentSettings): KubeObject[] {
  const layout = clusterLayout(settings);
  const objects = [
    namespace(layout),
    ...statelessWorkloads(layout),
    ...dojoEngine(layout),
    ...kataRunner(layout),
    ...turnServer(layout),
    ...meilisearchObjects(layout),
    ...migrationJobs(layout),
    ...networkPolicies(layout),
    ...publicRoutes(layout),
    ...otelCollectorObjects(layout),
    podMonitor(layout),
  ];
  for (const object of objects) {
    try {
      object.validate();
    } catch (error) {
      throw new ManifestValidationError(object, error);
    }
  }
  return objects;
}

/**
 * Three cdk8s charts (one YAML file each), applied in order by the deploy
 * (README): the namespace, the migration Jobs (waited for), then the workloads,
 * so new code never runs against an old schema.
 */
export function pocdojoManifests(settings: DeploymentSettings, outdir?: string): App {
  const app = new App({ outdir, outputFileExtension: '.yaml' });
  const charts = {
    Namespace: new Chart(app, '1-namespace'),
    Job: new Chart(app, '2-migrations'),
    other: new Chart(app, '3-workloads'),
  };
  for (const object of pocdojoObjects(settings)) {
    const chart = object.kind === 'Namespace' || object.kind === 'Job' ? charts[object.kind] : charts.other;
    new ApiObject(
      chart,
      `${object.kind}-${object.metadata?.name}`,
      object.toJSON() as ConstructorParameters<typeof ApiObject>[2],
    );
  }
  return app;
}
