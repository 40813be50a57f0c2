import { z } from 'zod';

/**
 * The test-run contract between dojo-engine (producer of requests, consumer of results) and kata-runner
 * (the reverse). One home for both sides: each message is validated against these schemas on receipt.
 */

/** Queue names; the dead-letter queue of `q` is `${q}-dlq`. */
export const KataRunQueues = { requests: 'kata-run-requests', results: 'kata-run-results' } as const;

/** Languages the runner has a toolchain for (the kata catalogue's). */
export const RunLanguages = ['typescript', 'python', 'java', 'go'] as const;
export type RunLanguage = (typeof RunLanguages)[number];

/** Bounds of a run request: the engine refuses to send more, the runner refuses to run more. */
export const RunLimits = { maxFiles: 64, maxFileBytes: 256 * 1024, maxTotalBytes: 1024 * 1024, maxPathLength: 200 };

/**
 * A relative path inside the work directory: no absolute path, no `..` or `.` segment, no empty segment,
 * no backslash or control character. The runner writes files only below its work directory.
 */
export const runFilePathSchema = z
  .string()
  .min(1)
  .max(RunLimits.maxPathLength)
  .refine(
    (path) =>
      !path.startsWith('/') &&
      !path.includes('\\') &&
      ![...path].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f) &&
      path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..'),
    'must be a relative path without "..", "." or empty segments',
  );

export const runRequestSchema = z
  .object({
    runId: z.uuid(),
    tenantId: z.uuid(),
    dojoId: z.uuid(),
    language: z.enum(RunLanguages),
    files: z.record(runFilePathSchema, z.string().max(RunLimits.maxFileBytes)),
    requestedAt: z.iso.datetime(),
  })
  .superRefine((request, ctx) => {
    const entries = Object.entries(request.files);
    if (entries.length === 0) ctx.addIssue({ code: 'custom', path: ['files'], message: 'no file to run' });
    if (entries.length > RunLimits.maxFiles)
      ctx.addIssue({ code: 'custom', path: ['files'], message: `more than ${RunLimits.maxFiles} files` });
    const total = entries.reduce((sum, [, text]) => sum + Buffer.byteLength(text), 0);
    if (total > RunLimits.maxTotalBytes)
      ctx.addIssue({ code: 'custom', path: ['files'], message: `more than ${RunLimits.maxTotalBytes} bytes in all` });
  });
export type RunRequest = z.infer<typeof runRequestSchema>;

/**
 * The traffic light: red, the tests ran and some failed; amber, they could not run to a verdict (does not
 * compile, timeout, a resource limit, a refused sandbox escape, a runner fault: `reason` says which);
 * green, every test passed.
 */
export const RunColours = ['red', 'amber', 'green'] as const;
export type RunColour = (typeof RunColours)[number];

/** Why a run ended amber, for clients that show an icon or a translated text beside `summary`. */
export const AmberReasons = [
  'compile-error',
  'no-tests',
  'timeout',
  'cpu-limit',
  'memory-limit',
  'process-limit',
  'output-limit',
  'file-size-limit',
  'write-refused',
  'network-refused',
  'runner-error',
] as const;
export type AmberReason = (typeof AmberReasons)[number];

export const runResultSchema = z.object({
  runId: z.uuid(),
  tenantId: z.uuid(),
  dojoId: z.uuid(),
  language: z.enum(RunLanguages),
  colour: z.enum(RunColours),
  /** Set exactly when `colour` is amber. */
  reason: z.enum(AmberReasons).optional(),
  /** One line for people, e.g. "2 failed, 3 passed" or "timed out after 10 s". */
  summary: z.string().max(500),
  failingTests: z.array(z.string().max(300)).max(100),
  /** Test output, capped (see `outputTruncated`). */
  output: z.string(),
  outputTruncated: z.boolean(),
  durationMs: z.number().int().min(0),
  finishedAt: z.iso.datetime(),
});
export type RunResult = z.infer<typeof runResultSchema>;
