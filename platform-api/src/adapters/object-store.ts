import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** Presigned access to the media bucket. Keys always start with `tenants/{tenantId}/`. */
export interface ObjectStore {
  presignPut(key: string, options: { contentType: string; bytes: number; expiresIn: number }): Promise<string>;
  presignGet(key: string, options: { expiresIn: number; fileName?: string }): Promise<string>;
  /** Writes an object the service made itself (a dojo's files as a zip). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  deleteMany(keys: string[]): Promise<void>;
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
    presignGet: (key, { expiresIn, fileName }) =>
      getSignedUrl(
        s3,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(fileName
            ? { ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}` }
            : {}),
        }),
        { expiresIn },
      ),
    async put(key, bytes, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async deleteMany(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        const chunk = keys.slice(i, i + 1000);
        await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: chunk.map((Key) => ({ Key })) } }));
      }
    },
  };
}
