/**
 * Why a job failed, as a closed catalogue. The code travels in `media.failed`
 * (`error` is `"<code>: <message>"`) so the platform and operators can tell a
 * bad request from a broken dependency without parsing prose.
 */
export const MediaErrorCodes = {
  /** The SQS body is not JSON or not a valid envelope. */
  invalidMessage: 'invalid_message',
  /** A valid envelope whose type this worker does not handle. */
  unsupportedType: 'unsupported_type',
  /** The job's own fields make no sense (dates out of order, year out of range…). */
  invalidJob: 'invalid_job',
  /** The platform's export answered with an error or could not be reached. */
  sourceUnavailable: 'source_unavailable',
  /** The platform's export refused the request (4xx): retrying will not help. */
  sourceRejected: 'source_rejected',
  /** Drawing or encoding failed. */
  renderFailed: 'render_failed',
  /** The object store refused or failed the upload. */
  uploadFailed: 'upload_failed',
  /** The worker is shutting down and handed the job back to the queue. */
  handedBack: 'handed_back',
  /** The job's team was erased (platform-api answers 410): the job is dropped, nothing rendered or kept. */
  tenantErased: 'tenant_erased',
} as const;
export type MediaErrorCode = (typeof MediaErrorCodes)[keyof typeof MediaErrorCodes];

/**
 * A job failure with a code and whether another attempt could succeed.
 * Permanent failures end the job at once (media.failed, message parked in the DLQ);
 * retryable ones go back to the queue with backoff until the receive limit.
 */
export class JobError extends Error {
  readonly code: MediaErrorCode;
  readonly retryable: boolean;
  constructor(code: MediaErrorCode, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'JobError';
    this.code = code;
    this.retryable = options.retryable;
  }

  /** The text sent as `media.failed.error`. */
  get reason(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** Wraps anything thrown into a JobError; unknown errors count as retryable render failures. */
export function asJobError(error: unknown, fallback: MediaErrorCode = MediaErrorCodes.renderFailed): JobError {
  if (error instanceof JobError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new JobError(fallback, message, { retryable: true, cause: error });
}
