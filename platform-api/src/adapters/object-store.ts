import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface PresignGetOptions {
  expiresIn: number;
  /** The name the browser saves the file under (Content-Disposition's filename). */
  fileName?: string;
  /** `attachment` (the default) downloads; `inline` lets the browser show it (a preview). */
  disposition?: 'attachment' | 'inline';
  /** The type to answer with; text types get `charset=utf-8`, so a UTF-8 file is not read as Latin-1. */
  contentType?: string;
}

/** `text/markdown` → `text/markdown; charset=utf-8`; other types as they are. */
export const withCharset = (contentType: string) =>
  /^text\//.test(contentType) && !/charset=/i.test(contentType) ? `${contentType}; charset=utf-8` : contentType;

/** Presigned access to the media bucket. Keys always start with `tenants/{tenantId}/`. */
export interface ObjectStore {
  presignPut(key: string, options: { contentType: string; bytes: number; expiresIn: number }): Promise<string>;
  presignGet(key: string, options: PresignGetOptions): Promise<string>;
  /** Writes an object the service made itself (a dojo's files as a zip). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  deleteMany(keys: string[]): Promise<void>;
  /** Deletes every object whose key starts with `prefix` (a tenant's `tenants/{id}/`); returns how many. */
  deletePrefix(prefix: string): Promise<number>;
}

/** The S3 adapter (AWS S3 in production, the fauxqs emulator locally). */
export function s3ObjectStore(s3: S3Client, bucket: string): ObjectStore {
  return {
    presignPut: (key, { contentType, bytes, expiresIn }) =>
      // ContentLength is signed: S3 refuses an upload of any other size.
      getSignedUrl(
        s3,
        new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: bytes }),
        {
          expiresIn,
        },
      ),
    presignGet: (key, { expiresIn, fileName, disposition = 'attachment', contentType }) =>
      getSignedUrl(
        s3,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(fileName
            ? { ResponseContentDisposition: `${disposition}; filename*=UTF-8''${encodeURIComponent(fileName)}` }
            : {}),
          ...(contentType ? { ResponseContentType: withCharset(contentType) } : {}),
        }),
        { expiresIn },
      ),
    async put(key, bytes, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async deletePrefix(prefix) {
      if (!prefix.endsWith('/')) throw new Error(`refusing to delete the prefix ${prefix}: it must end with /`);
      let deleted = 0;
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
        if (keys.length) {
          await s3.send(
            new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
          );
        }
        deleted += keys.length;
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return deleted;
    },
    async deleteMany(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        const chunk = keys.slice(i, i + 1000);
        await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: chunk.map((Key) => ({ Key })) } }));
      }
    },
  };
}
