import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { JobError, MediaErrorCodes } from '../errors.ts';

/** Server-side encryption of outputs: none (emulator), S3-managed, or a KMS key. */
export type Encryption = { mode: 'off' } | { mode: 'AES256' } | { mode: 'aws:kms'; keyId: string };

export interface StoredObject {
  key: string;
  bytes: number;
  contentType: string;
  /** The job that wrote it (object metadata `job-id`). */
  jobId: string | null;
}

/**
 * The worker's S3 bucket. Every object carries the job id in its metadata, so
 * a redelivered job can recognise its own finished output.
 */
export class ObjectStore {
  readonly #s3: S3Client;
  readonly #bucket: string;
  readonly #encryption: Encryption;

  constructor(s3: S3Client, bucket: string, encryption: Encryption) {
    this.#s3 = s3;
    this.#bucket = bucket;
    this.#encryption = encryption;
  }

  get bucket(): string {
    return this.#bucket;
  }

  /** Deletes every object under `prefix` (an erased team's `tenants/{id}/`); returns how many. */
  async deletePrefix(prefix: string): Promise<number> {
    if (!prefix.endsWith('/')) throw new Error(`refusing to delete the prefix ${prefix}: it must end with /`);
    let deleted = 0;
    let token: string | undefined;
    do {
      const page = await this.#s3.send(
        new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length) {
        await this.#s3.send(new DeleteObjectsCommand({ Bucket: this.#bucket, Delete: { Objects: keys } }));
      }
      deleted += keys.length;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return deleted;
  }

  async put(key: string, body: Uint8Array, contentType: string, jobId: string, signal?: AbortSignal): Promise<void> {
    await this.#put(key, body, body.byteLength, contentType, jobId, {}, signal);
  }

  /**
   * Uploads the file at `path` (`bytes` long) as a stream, never whole in memory.
   * `tags` are S3 object tags, which lifecycle rules can match (an export's expiry).
   */
  async putFile(
    key: string,
    path: string,
    bytes: number,
    contentType: string,
    jobId: string,
    tags: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<void> {
    await this.#put(key, createReadStream(path), bytes, contentType, jobId, tags, signal);
  }

  /**
   * The object's bytes as a stream, or null when there is none. Reading it is
   * the caller's; a failure to start is a retryable JobError.
   */
  async read(key: string, signal?: AbortSignal): Promise<AsyncIterable<Uint8Array> | null> {
    try {
      const out = await this.#s3.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }), {
        abortSignal: signal,
      });
      return (out.Body as Readable | undefined) ?? null;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (isMissing(error)) return null;
      throw new JobError(MediaErrorCodes.sourceUnavailable, `could not read ${key}: ${(error as Error).message}`, {
        retryable: true,
        cause: error,
      });
    }
  }

  async #put(
    key: string,
    body: Uint8Array | Readable,
    bytes: number,
    contentType: string,
    jobId: string,
    tags: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<void> {
    const sse: { ServerSideEncryption?: ServerSideEncryption; SSEKMSKeyId?: string } =
      this.#encryption.mode === 'off'
        ? {}
        : this.#encryption.mode === 'AES256'
          ? { ServerSideEncryption: 'AES256' }
          : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.#encryption.keyId };
    const tagging = new URLSearchParams(tags).toString();
    try {
      await this.#s3.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ContentLength: bytes,
          Metadata: { 'job-id': jobId },
          ...(tagging ? { Tagging: tagging } : {}),
          ...sse,
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new JobError(MediaErrorCodes.uploadFailed, `upload of ${key} failed: ${(error as Error).message}`, {
        retryable: true,
        cause: error,
      });
    }
  }

  /** The object at `key`, or null when there is none. */
  async head(key: string): Promise<StoredObject | null> {
    try {
      const out = await this.#s3.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return {
        key,
        bytes: out.ContentLength ?? 0,
        contentType: out.ContentType ?? 'application/octet-stream',
        jobId: out.Metadata?.['job-id'] ?? null,
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw new JobError(MediaErrorCodes.uploadFailed, `could not check ${key}: ${(error as Error).message}`, {
        retryable: true,
        cause: error,
      });
    }
  }
}

function isMissing(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404 || (error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchKey';
}
