import { Job } from 'kubernetes-models/batch/v1/Job';
import { Services } from '../services.ts';
import { type ClusterLayout, image, SecretNames } from './cluster-layout.ts';
import type { KubeObject } from './kube-object.ts';
import { fromSecret, imageWorkdir, labelsOf, podSecurity } from './pod-parts.ts';

/** Where each database service's `migrate(ownerUrl)` lives inside its image. */
export const migrations = [
  {
    service: Services.platformApi.name,
    database: Services.platformApi.database,
    module: './platform-api/src/db/orm.ts',
    secret: SecretNames.platformDatabase,
    /** The migration that seals stored TOTP secrets needs platform-api's key. */
    extraEnv: [fromSecret('MFA_SECRET_KEY', SecretNames.mfaSecret, 'key')],
  },
  {
    service: Services.dojoEngine.name,
    database: Services.dojoEngine.database,
    module: './dojo-engine/src/persistence/migrate.ts',
    secret: SecretNames.dojoDatabase,
  },
  {
    service: Services.notifier.name,
    database: Services.notifier.database,
    module: './notifier/src/db/migrate.ts',
    secret: SecretNames.notifierDatabase,
  },
] as const;

/**
 * The script a migration Job runs with the owner credentials: create the
 * non-superuser application role if missing (common/src/dev/postgres-admin.ts, as
 * `npm start` does locally), apply the service's migrations, grant the role DML
 * on tables it has no grant on (never back what a migration revoked on purpose).
 */
export const migrationScript = (m: { database: string; module: string }) =>
  [
    "import { grantExistingTables, provisionDatabase } from '@pocdojo/common/dev/postgres-admin';",
    `import { migrate } from '${m.module}';`,
    `const db = await provisionDatabase(process.env.DATABASE_OWNER_URL, { database: '${m.database}', appRole: '${m.database}_app', appPassword: process.env.APP_PASSWORD });`,
    'await migrate(db.ownerUrl);',
    `await grantExistingTables(db.ownerUrl, '${m.database}_app');`,
  ].join('\n');

/**
 * One migration Job per database service, run by the deploy pipeline before the
 * new Deployment/StatefulSet (README). The services themselves get only the app
 * role URL, so they never migrate at start in the cluster.
 */
export function migrationJobs(layout: ClusterLayout): KubeObject[] {
  return migrations.map(
    (m) =>
      new Job({
        metadata: {
          name: `${m.service}-migrate-${layout.imageTag}`
            .slice(0, 63)
            .replace(/[^a-z0-9-]/g, '-')
            .replace(/-+$/, ''),
          namespace: layout.namespace,
          labels: { ...labelsOf(`${m.service}-migrate`), 'pocdojo.dev/database': m.database },
        },
        spec: {
          backoffLimit: 3,
          activeDeadlineSeconds: 900,
          ttlSecondsAfterFinished: 86_400,
          template: {
            metadata: { labels: labelsOf(`${m.service}-migrate`) },
            spec: {
              restartPolicy: 'Never',
              securityContext: podSecurity,
              containers: [
                {
                  name: 'migrate',
                  image: image(layout, m.service),
                  workingDir: imageWorkdir,
                  // Relative imports of an --eval module resolve from the working directory.
                  command: ['node', '--input-type=module', '--eval', migrationScript(m)],
                  env: [
                    fromSecret('DATABASE_OWNER_URL', m.secret, 'owner-url'),
                    fromSecret('APP_PASSWORD', m.secret, 'app-password'),
                    ...('extraEnv' in m ? m.extraEnv : []),
                  ],
                  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '256Mi' } },
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    capabilities: { drop: ['ALL'] },
                  },
                  volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                },
              ],
              volumes: [{ name: 'tmp', emptyDir: {} }],
            },
          },
        },
      }),
  );
}
