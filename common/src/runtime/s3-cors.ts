import type { CORSRule } from '@aws-sdk/client-s3';

/** S3's CORS matching: one `*` wildcard per pattern, headers compared case-insensitively. */
function matches(pattern: string, value: string, ignoreCase = false): boolean {
  const [p, v] = ignoreCase ? [pattern.toLowerCase(), value.toLowerCase()] : [pattern, value];
  const star = p.indexOf('*');
  if (star < 0) return p === v;
  const head = p.slice(0, star);
  const tail = p.slice(star + 1);
  return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail);
}

/** The first rule allowing `origin` to use `method`, as S3 picks it. */
function ruleFor(rules: CORSRule[], origin: string, method: string): CORSRule | undefined {
  return rules.find(
    (rule) =>
      (rule.AllowedOrigins ?? []).some((pattern) => matches(pattern, origin)) &&
      (rule.AllowedMethods ?? []).includes(method),
  );
}

const vary = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';

/**
 * The answer to a preflight (OPTIONS with Origin and Access-Control-Request-*),
 * as S3 gives it for a bucket with these rules: 200 with the allowance, or 403.
 */
export function corsPreflight(
  rules: CORSRule[],
  request: { origin: string; method: string; headers: string },
): { status: number; headers: Record<string, string> } {
  const requested = request.headers
    .split(',')
    .map((header) => header.trim())
    .filter(Boolean);
  const rule = rules.find(
    (candidate) =>
      candidate === ruleFor([candidate], request.origin, request.method) &&
      requested.every((header) => (candidate.AllowedHeaders ?? []).some((pattern) => matches(pattern, header, true))),
  );
  if (!rule) return { status: 403, headers: { vary } };
  return {
    status: 200,
    headers: {
      'access-control-allow-origin': request.origin,
      'access-control-allow-methods': (rule.AllowedMethods ?? []).join(', '),
      ...(requested.length ? { 'access-control-allow-headers': requested.join(', ') } : {}),
      ...(rule.ExposeHeaders?.length ? { 'access-control-expose-headers': rule.ExposeHeaders.join(', ') } : {}),
      ...(rule.MaxAgeSeconds !== undefined ? { 'access-control-max-age': String(rule.MaxAgeSeconds) } : {}),
      vary,
    },
  };
}

/** Headers S3 adds to an actual cross-origin request that a rule allows (none when no rule does). */
export function corsResponseHeaders(rules: CORSRule[], origin: string, method: string): Record<string, string> {
  const rule = ruleFor(rules, origin, method);
  if (!rule) return {};
  return {
    'access-control-allow-origin': origin,
    ...(rule.ExposeHeaders?.length ? { 'access-control-expose-headers': rule.ExposeHeaders.join(', ') } : {}),
    vary,
  };
}
