import type { CORSRule } from '@aws-sdk/client-s3';

/**
 * The media bucket's CORS rule: the web app PUTs attachments straight to S3
 * through presigned URLs and reads reports and videos through presigned GETs,
 * from its own origin. One home for the rule: the CDK bucket (ops/eks) and the
 * local emulator (`npm start`, the browser tests) both apply it.
 */
export function mediaBucketCors(webOrigins: string[]): CORSRule[] {
  return [
    {
      ID: 'web-app',
      AllowedOrigins: webOrigins,
      AllowedMethods: ['PUT', 'GET', 'HEAD'],
      // What a presigned PUT signs: the content type (the rest of the signature is in the query string).
      AllowedHeaders: ['content-type', 'content-md5', 'x-amz-*'],
      ExposeHeaders: ['ETag'],
      MaxAgeSeconds: 3600,
    },
  ];
}
