/**
 * S3's `response-*` query parameters of a presigned GET: the signed URL asks
 * S3 to answer with these headers instead of the object's own, which is how a
 * download gets `Content-Disposition: attachment; filename=…` and a text file
 * its `charset=utf-8`. fauxqs ignores them, so the local emulator applies them
 * itself (and a download on `npm start` behaves as on AWS).
 */
const OVERRIDES = {
  'response-content-type': 'content-type',
  'response-content-disposition': 'content-disposition',
  'response-content-language': 'content-language',
  'response-content-encoding': 'content-encoding',
  'response-cache-control': 'cache-control',
  'response-expires': 'expires',
} as const;

/** The headers a GET's query string asks for, by lower-case header name. */
export function s3ResponseOverrides(query: URLSearchParams): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [parameter, header] of Object.entries(OVERRIDES)) {
    const value = query.get(parameter);
    // A header value cannot carry line breaks; S3 refuses them too.
    if (value !== null && !/[\r\n]/.test(value)) headers[header] = value;
  }
  return headers;
}
