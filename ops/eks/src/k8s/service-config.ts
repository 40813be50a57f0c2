import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { ClusterLayout } from './cluster-layout.ts';
import type { KubeObject } from './kube-object.ts';
import { otlpEndpoint } from './otel-collector.ts';
import { configMapName, labelsOf } from './pod-parts.ts';

/** The namespace, with the `restricted` Pod Security Standard enforced (the pods are built for it). */
export const namespace = (layout: ClusterLayout): KubeObject =>
  new Namespace({
    metadata: {
      name: layout.namespace,
      labels: {
        'app.kubernetes.io/part-of': 'pocdojo',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
      },
    },
  });

/**
 * A service's non-secret settings, loaded with `envFrom` (secrets are separate `secretKeyRef`s). Every
 * service exports its traces over OTLP to the node's ADOT collector (otel-collector.ts).
 */
export const serviceConfig = (layout: ClusterLayout, service: string, data: Record<string, string>): KubeObject =>
  new ConfigMap({
    metadata: { name: configMapName(service), namespace: layout.namespace, labels: labelsOf(service) },
    data: { OTEL_SERVICE_NAME: service, OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint(layout), ...data },
  });
