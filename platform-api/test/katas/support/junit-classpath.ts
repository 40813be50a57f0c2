import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const jar = (repository: string, group: string, artifact: string, version: string) =>
  join(repository, ...group.split('.'), artifact, version, `${artifact}-${version}.jar`);

function versionsOf(repository: string, group: string, artifact: string): string[] {
  const dir = join(repository, ...group.split('.'), artifact);
  if (!existsSync(dir)) return [];
  const numeric = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return readdirSync(dir)
    .filter((version) => existsSync(jar(repository, group, artifact, version)))
    .sort((a, b) => {
      const [x, y] = [numeric(a), numeric(b)];
      for (let i = 0; i < Math.max(x.length, y.length); i++) {
        if ((x[i] ?? 0) !== (y[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
      }
      return 0;
    });
}

/** The JUnit the starters are run with when the local Maven repository has none yet. */
export const junitVersions = { jupiter: '5.11.4', platform: '1.11.4' } as const;

/**
 * Fetches JUnit Jupiter's engine and the platform launcher (and what they
 * depend on) into the local Maven repository with `mvn dependency:get`, once:
 * Maven caches them in ~/.m2. False when Maven is missing or cannot reach Maven Central.
 */
export function fetchJUnitWithMaven(repository = join(homedir(), '.m2', 'repository')): {
  ok: boolean;
  output: string;
} {
  let output = '';
  for (const artifact of [
    `org.junit.jupiter:junit-jupiter-engine:${junitVersions.jupiter}`,
    `org.junit.platform:junit-platform-launcher:${junitVersions.platform}`,
  ]) {
    const result = spawnSync(
      'mvn',
      ['-B', '-q', 'dependency:get', `-Dmaven.repo.local=${repository}`, `-Dartifact=${artifact}`],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    output += `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`;
    if (result.status !== 0) return { ok: false, output };
  }
  return { ok: true, output };
}

/**
 * The jars needed to compile and run JUnit Jupiter tests, found in the local
 * Maven repository (newest complete set), or null when there is none
 * (see fetchJUnitWithMaven).
 */
export function findJUnitClasspath(repository = join(homedir(), '.m2', 'repository')): string[] | null {
  const opentest4j = versionsOf(repository, 'org.opentest4j', 'opentest4j')[0];
  const apiguardian = versionsOf(repository, 'org.apiguardian', 'apiguardian-api')[0];
  if (!opentest4j || !apiguardian) return null;
  for (const jupiter of versionsOf(repository, 'org.junit.jupiter', 'junit-jupiter-engine')) {
    // Jupiter 5.x runs on Platform 1.x of the same minor and patch; from 6.0 both share one version.
    const platform = jupiter.startsWith('5.') ? `1.${jupiter.slice(2)}` : jupiter;
    const jars = [
      jar(repository, 'org.junit.jupiter', 'junit-jupiter-api', jupiter),
      jar(repository, 'org.junit.jupiter', 'junit-jupiter-engine', jupiter),
      jar(repository, 'org.junit.platform', 'junit-platform-commons', platform),
      jar(repository, 'org.junit.platform', 'junit-platform-engine', platform),
      jar(repository, 'org.junit.platform', 'junit-platform-launcher', platform),
      jar(repository, 'org.opentest4j', 'opentest4j', opentest4j),
      jar(repository, 'org.apiguardian', 'apiguardian-api', apiguardian),
    ];
    if (jars.every((path) => existsSync(path))) return jars;
  }
  return null;
}
