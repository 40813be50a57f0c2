import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type ExportResult, ExportResultCode, hrTimeToMicroseconds } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** One finished span as a line of `OTEL_TRACES_FILE` (what the local trace page reads). */
export interface SpanLine {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  service: string;
  name: string;
  kind: number;
  /** Microseconds since the epoch. */
  start: number;
  durationUs: number;
  status: number;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
}

/**
 * Appends each finished span as one JSON line to a file: the collector-less
 * exporter of `npm start`, which every service writes to and the local trace
 * page reads. Each batch is one append, so the services' lines never interleave.
 */
export class JsonLinesSpanExporter implements SpanExporter {
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
    mkdirSync(dirname(file), { recursive: true });
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    try {
      appendFileSync(this.#file, spans.map((span) => `${JSON.stringify(spanLine(span))}\n`).join(''));
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {}
  async forceFlush(): Promise<void> {}
}

function spanLine(span: ReadableSpan): SpanLine {
  const { traceId, spanId } = span.spanContext();
  return {
    traceId,
    spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    service: String(span.resource.attributes['service.name'] ?? 'unknown'),
    name: span.name,
    kind: span.kind,
    start: Math.round(hrTimeToMicroseconds(span.startTime)),
    durationUs: Math.round(hrTimeToMicroseconds(span.duration)),
    status: span.status.code,
    attributes: span.attributes,
    links: span.links.map((link) => ({ traceId: link.context.traceId, spanId: link.context.spanId })),
  };
}
