import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { Service } from 'kubernetes-models/v1/Service';
import { type ClusterLayout, SecretNames } from './cluster-layout.ts';
import type { KubeObject } from './kube-object.ts';
import { fromSecret, labelsOf, podSecurity, selectorOf } from './pod-parts.ts';

export const meilisearch = { name: 'meilisearch', port: 7700, image: 'getmeili/meilisearch:v1.15.2' } as const;

/** Encrypted gp3 EBS volumes, created in the zone where the pod lands. */
export const storageClassName = 'gp3-encrypted';

/**
 * Meilisearch, search-indexer's production engine (architecture §6). One replica on
 * an EBS volume: Meilisearch OSS does not replicate, so a zone outage stops search
 * until the pod is rescheduled in another zone and re-indexed from platform-api
 * (`npm run reindex -w search-indexer`). The index is derived data, never the source of truth.
 */
export function meilisearchObjects(layout: ClusterLayout): KubeObject[] {
  const metadata = { name: meilisearch.name, namespace: layout.namespace, labels: labelsOf(meilisearch.name) };
  return [
    new StorageClass({
      metadata: { name: storageClassName },
      provisioner: 'ebs.csi.aws.com',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Retain',
      parameters: { type: 'gp3', encrypted: 'true' },
    }),
    new StatefulSet({
      metadata,
      spec: {
        serviceName: meilisearch.name,
        replicas: 1,
        selector: { matchLabels: selectorOf(meilisearch.name) },
        template: {
          metadata: { labels: labelsOf(meilisearch.name) },
          spec: {
            securityContext: podSecurity,
            terminationGracePeriodSeconds: 60,
            containers: [
              {
                name: meilisearch.name,
                image: meilisearch.image,
                ports: [{ name: 'http', containerPort: meilisearch.port }],
                env: [
                  { name: 'MEILI_ENV', value: 'production' },
                  { name: 'MEILI_DB_PATH', value: '/meili_data/data.ms' },
                  { name: 'MEILI_NO_ANALYTICS', value: 'true' },
                  fromSecret('MEILI_MASTER_KEY', SecretNames.meilisearch, 'master-key'),
                ],
                resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
                readinessProbe: { httpGet: { path: '/health', port: 'http' }, periodSeconds: 5 },
                livenessProbe: { httpGet: { path: '/health', port: 'http' }, periodSeconds: 10, failureThreshold: 6 },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
                volumeMounts: [{ name: 'data', mountPath: '/meili_data' }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName,
              resources: { requests: { storage: '20Gi' } },
            },
          },
        ],
      },
    }),
    new Service({
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: selectorOf(meilisearch.name),
        ports: [{ name: 'http', port: meilisearch.port, targetPort: 'http', protocol: 'TCP' }],
      },
    }),
  ];
}
