import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { personalDataKey, reportKey, videoKey } from '@pocdojo/common/contracts/tenant-keys';
import { EventTypes, type TypedEnvelope } from '@pocdojo/common/events';
import type { Logger } from '@pocdojo/common/logger';
import { computeReportFigures } from '@pocdojo/common/report-figures';
import { traced } from '@pocdojo/common/spans';
import type { ObjectStore } from '../adapters/object-store.ts';
import type { ResultPublisher } from '../adapters/result-publisher.ts';
import { type DojoSource, noDojos } from '../domain/dojo-source.ts';
import type { PersonalDataSource } from '../domain/personal-data-source.ts';
import type { PocSource } from '../domain/poc-source.ts';
import { JobError, MediaErrorCodes } from '../errors.ts';
import { writePersonalDataArchive } from '../export/personal-data-archive.ts';
import { reader } from '../i18n/reader.ts';
import type { WorkerMetrics } from '../ops/worker-metrics.ts';
import { renderReportCsv } from '../report/render-csv.ts';
import { renderReportJson } from '../report/render-json.ts';
import { renderReportPdf } from '../report/render-pdf.ts';
import type { RenderedFile } from '../report/rendered-file.ts';
import { FfmpegError } from '../video/ffmpeg.ts';
import { renderYearVideo } from '../video/render-video.ts';
import { validateReportPeriod, validateVideoYear } from './job-validation.ts';
import { ProgressReporter } from './progress-reporter.ts';

export type JobEnvelope = Extract<
  TypedEnvelope,
  { type: 'report.requested' | 'video.requested' | 'personal_data.requested' }
>;
type PersonalDataEnvelope = Extract<JobEnvelope, { type: 'personal_data.requested' }>;

export interface JobRunnerDeps {
  source: PocSource;
  /** Which dojos a member joined, for the video; none when absent. */
  dojos?: DojoSource;
  store: ObjectStore;
  publisher: ResultPublisher;
  metrics: WorkerMetrics;
  logger: Logger;
  video: { ffmpegPath: string; secondsPerCard: number; maxPocs: number };
  /** Where personal data exports read each service's part; without it such jobs fail for good. */
  personalData?: PersonalDataSource;
  /** Folder for archives being built (the system's temporary folder by default). */
  tmpDir?: string;
}

export interface Attempt {
  /** SQS ApproximateReceiveCount of this delivery (1 = first). */
  receiveCount: number;
  signal: AbortSignal;
}

export type RunOutcome = 'succeeded' | 'duplicate';

/**
 * Runs one job: reads its data, renders, uploads to its deterministic key and
 * publishes progress and `media.completed`. Throws JobError on failure; the
 * consumer decides between retry and giving up.
 *
 * Idempotency: the output key depends only on the job, and the object records
 * the job id. A later, separate delivery of a finished job (receive count 1:
 * the relay sent it twice) is acknowledged without a second write or result. A
 * redelivery of the same message (receive count > 1) that finds the output
 * re-sends `media.completed`, because the earlier attempt may have died between
 * the upload and the result; the platform applies results idempotently.
 * Within one process, a second delivery of a running job waits for the first.
 */
export class JobRunner {
  readonly #deps: JobRunnerDeps;
  readonly #running = new Map<string, Promise<unknown>>();

  constructor(deps: JobRunnerDeps) {
    this.#deps = deps;
  }

  async run(envelope: JobEnvelope, attempt: Attempt): Promise<RunOutcome> {
    const { jobId } = envelope.data;
    const running = this.#running.get(jobId);
    if (running) {
      await running.catch(() => {});
      if (await this.#alreadyDone(envelope)) return 'duplicate';
    }
    const work = traced('media render', { 'media.kind': kindOf(envelope), 'media.job_id': jobId }, () =>
      this.#run(envelope, attempt),
    );
    this.#running.set(jobId, work);
    try {
      return await work;
    } finally {
      if (this.#running.get(jobId) === work) this.#running.delete(jobId);
    }
  }

  async #run(envelope: JobEnvelope, attempt: Attempt): Promise<RunOutcome> {
    const { store, publisher } = this.#deps;
    const key = outputKey(envelope);
    const existing = await store.head(key);
    if (existing && existing.jobId === envelope.data.jobId) {
      if (attempt.receiveCount <= 1) return 'duplicate';
      await publisher.completed(envelope.tenantId, {
        jobId: envelope.data.jobId,
        key,
        bytes: existing.bytes,
        contentType: existing.contentType,
      });
      return 'succeeded';
    }

    const progress = new ProgressReporter(publisher, envelope.tenantId, envelope.data.jobId, this.#deps.logger);
    const started = performance.now();
    progress.report(1, 'starting');
    const stored =
      envelope.type === EventTypes.personalDataRequested
        ? await this.#personalData(envelope, key, progress, attempt.signal)
        : await this.#render(envelope, key, progress, attempt.signal);
    this.#deps.metrics.renderSeconds.observe({ kind: kindOf(envelope) }, (performance.now() - started) / 1000);
    // Progress first, so a consumer that reads in order never sees progress after completion.
    await progress.flush();
    await publisher.completed(envelope.tenantId, { jobId: envelope.data.jobId, key, ...stored });
    return 'succeeded';
  }

  /** Renders a report or video in memory and uploads it. */
  async #render(
    envelope: Exclude<JobEnvelope, PersonalDataEnvelope>,
    key: string,
    progress: ProgressReporter,
    signal: AbortSignal,
  ): Promise<{ bytes: number; contentType: string; durationSeconds?: number }> {
    const file =
      envelope.type === EventTypes.reportRequested
        ? await this.#report(envelope, progress, signal)
        : await this.#video(envelope, progress, signal);
    progress.report(95, 'uploading');
    await this.#deps.store.put(key, file.body, file.contentType, envelope.data.jobId, signal);
    return {
      bytes: file.body.byteLength,
      contentType: file.contentType,
      ...(file.durationSeconds === undefined ? {} : { durationSeconds: file.durationSeconds }),
    };
  }

  /**
   * Builds a member's personal data archive in a temporary file (attachments
   * streamed in, never the whole archive in memory) and uploads it as a stream,
   * tagged so that the bucket's lifecycle rule expires it.
   */
  async #personalData(
    envelope: PersonalDataEnvelope,
    key: string,
    progress: ProgressReporter,
    signal: AbortSignal,
  ): Promise<{ bytes: number; contentType: string }> {
    const source = this.#deps.personalData;
    if (!source) {
      throw new JobError(MediaErrorCodes.invalidJob, 'this worker has no personal data source configured', {
        retryable: false,
      });
    }
    const job = envelope.data;
    const folder = await mkdtemp(join(this.#deps.tmpDir ?? tmpdir(), 'pocdojo-export-'));
    const path = join(folder, 'archive.zip');
    try {
      const bytes = await writePersonalDataArchive({
        source,
        store: this.#deps.store,
        query: { tenantId: envelope.tenantId, userId: job.userId },
        reader: reader(job.locale, job.timeZone),
        path,
        signal,
        onProgress: (percent, stage) => progress.report(percent, stage),
      });
      progress.report(95, 'uploading');
      await this.#deps.store.putFile(key, path, bytes, 'application/zip', job.jobId, PERSONAL_DATA_TAGS, signal);
      return { bytes, contentType: 'application/zip' };
    } catch (error) {
      if (signal.aborted || error instanceof JobError) throw error;
      throw new JobError(MediaErrorCodes.renderFailed, `archive failed: ${(error as Error).message}`, {
        retryable: true,
        cause: error,
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  async #alreadyDone(envelope: JobEnvelope): Promise<boolean> {
    const existing = await this.#deps.store.head(outputKey(envelope));
    return existing?.jobId === envelope.data.jobId;
  }

  async #report(
    envelope: Extract<JobEnvelope, { type: 'report.requested' }>,
    progress: ProgressReporter,
    signal: AbortSignal,
  ): Promise<RenderedFile> {
    const job = envelope.data;
    validateReportPeriod(job.from, job.to);
    progress.report(5, 'fetching');
    const [pocs, members] = await Promise.all([
      this.#deps.source.listPocs(
        { tenantId: envelope.tenantId, ownerId: job.userId, from: job.from, to: job.to },
        signal,
      ),
      this.#deps.source.listMembers(envelope.tenantId, signal),
    ]);
    progress.report(40, 'computing');
    const figures = computeReportFigures(pocs, members, {
      tenantId: envelope.tenantId,
      tenantName: job.tenantName ?? null,
      userId: job.userId,
      from: job.from,
      to: job.to,
    });
    progress.report(60, 'rendering');
    signal.throwIfAborted();
    const language = reader(job.locale, job.timeZone);
    try {
      if (job.format === 'pdf') return await renderReportPdf(figures, language);
      return job.format === 'csv' ? renderReportCsv(figures, language) : renderReportJson(figures);
    } catch (error) {
      throw new JobError(MediaErrorCodes.renderFailed, `report rendering failed: ${(error as Error).message}`, {
        retryable: true,
        cause: error,
      });
    }
  }

  /**
   * The member's dojos, or null when the engine cannot say: the video is then made without its dojos
   * card rather than failed or delayed (the POCs are the video; the dojos are a bonus).
   */
  async #memberDojos(query: Parameters<DojoSource['listParticipation']>[0], signal: AbortSignal) {
    try {
      return await (this.#deps.dojos ?? noDojos).listParticipation(query, signal);
    } catch (error) {
      if (signal.aborted || !(error instanceof JobError)) throw error;
      this.#deps.logger.warn(
        { err: error, tenantId: query.tenantId },
        'dojos unavailable: the video goes without them',
      );
      return null;
    }
  }

  async #video(
    envelope: Extract<JobEnvelope, { type: 'video.requested' }>,
    progress: ProgressReporter,
    signal: AbortSignal,
  ): Promise<RenderedFile> {
    const job = envelope.data;
    validateVideoYear(job.year);
    progress.report(3, 'fetching');
    const period = { from: `${job.year}-01-01`, to: `${job.year + 1}-01-01` };
    const [pocs, dojos] = await Promise.all([
      this.#deps.source.listPocs({ tenantId: envelope.tenantId, ownerId: job.userId, ...period }, signal),
      this.#memberDojos({ tenantId: envelope.tenantId, userId: job.userId, ...period }, signal),
    ]);
    const story = {
      pocs,
      dojos,
      member: job.userName,
      team: job.tenantName ?? null,
      year: job.year,
      maxPocs: this.#deps.video.maxPocs,
      reader: reader(job.locale, job.timeZone),
    };
    try {
      return await renderYearVideo(story, {
        ffmpegPath: this.#deps.video.ffmpegPath,
        secondsPerCard: this.#deps.video.secondsPerCard,
        signal,
        onProgress: (fraction, stage) => progress.report(5 + fraction * 88, stage),
      });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const message =
        error instanceof FfmpegError ? error.message : `video rendering failed: ${(error as Error).message}`;
      throw new JobError(MediaErrorCodes.renderFailed, message, { retryable: true, cause: error });
    }
  }
}

export function outputKey(envelope: JobEnvelope): string {
  if (envelope.type === EventTypes.personalDataRequested)
    return personalDataKey(envelope.tenantId, envelope.data.userId, envelope.data.jobId);
  return envelope.type === EventTypes.reportRequested
    ? reportKey(envelope.tenantId, envelope.data.jobId, envelope.data.format)
    : videoKey(envelope.tenantId, envelope.data.userId, envelope.data.year, envelope.data.jobId);
}

export function kindOf(envelope: { type: string }): 'report' | 'video' | 'personal_data' | 'unknown' {
  if (envelope.type === EventTypes.reportRequested) return 'report';
  if (envelope.type === EventTypes.videoRequested) return 'video';
  if (envelope.type === EventTypes.personalDataRequested) return 'personal_data';
  return 'unknown';
}

/** S3 tags of a personal data archive: the media bucket's lifecycle rule expires objects carrying them. */
export const PERSONAL_DATA_TAGS = { 'pocdojo-kind': 'personal-data-export' } as const;
