import { z } from 'zod';

/** Thrown at start-up when the environment does not satisfy a service's config schema. */
export class ConfigError extends Error {
  readonly issues: string[];
  constructor(service: string, issues: string[]) {
    super(`${service}: invalid configuration\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Validates the environment against a zod object whose keys are variable names.
 * Fails fast with a message that names each offending variable.
 */
export function loadConfig<S extends z.ZodObject>(
  service: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(service, issues);
}

/** A TCP port from the environment, with a default. */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** A boolean flag from the environment ("1", "true", "yes" are true). */
export const flag = (fallback: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['1', 'true', 'yes'].includes(v)));

/**
 * The interface a service listens on: loopback unless told otherwise, so a
 * local run is never reachable from the network; containers set `0.0.0.0`.
 */
export const listenHost = () => z.string().min(1).default('127.0.0.1');
