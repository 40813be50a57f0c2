import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { AwsInstrumentation } from '@opentelemetry/instrumentation-aws-sdk';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KoaInstrumentation } from '@opentelemetry/instrumentation-koa';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type SpanExporter,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { register as registerImportHooks } from 'import-in-the-middle/register-hooks.mjs';
import { JsonLinesSpanExporter } from './jsonl-span-exporter.ts';

/** The modules the instrumentations below patch; only these go through the ESM import hook. */
const INSTRUMENTED_MODULES = [
  'koa',
  'pg',
  'pg-pool',
  '@smithy/smithy-client',
  '@smithy/middleware-stack',
  '@aws-sdk/smithy-client',
  '@aws-sdk/middleware-stack',
  'http',
  'https',
  'node:http',
  'node:https',
];

/** Paths whose server spans are noise: probes and scrapes, every few seconds, forever. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface TracingOptions {
  /** `service.name` of every span (platform-api, search-indexer, …). */
  service: string;
  /** Where finished spans go; default from the environment ({@link exporterFromEnv}). */
  exporter?: SpanExporter;
  /** Export each span as it ends (tests) instead of in batches (services). */
  simple?: boolean;
  env?: Record<string, string | undefined>;
}

export interface Tracing {
  /** Exports what is buffered (the batch processor's queue). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * The exporter the environment asks for:
 * - `OTEL_TRACES_EXPORTER=otlp` (the default when `OTEL_EXPORTER_OTLP_ENDPOINT`
 *   is set): OTLP over HTTP/protobuf, to the ADOT collector in production;
 * - `jsonl`: one JSON line per span appended to `OTEL_TRACES_FILE` (what
 *   `npm start` uses, read by its local trace page);
 * - `console`: the SDK's console exporter;
 * - `none` (the default otherwise, and so in tests): tracing is off.
 */
export function exporterFromEnv(env: Record<string, string | undefined> = process.env): SpanExporter | undefined {
  const kind = env.OTEL_TRACES_EXPORTER || (env.OTEL_EXPORTER_OTLP_ENDPOINT ? 'otlp' : 'none');
  switch (kind) {
    case 'none':
      return undefined;
    case 'otlp':
      return new OTLPTraceExporter();
    case 'console':
      return new ConsoleSpanExporter();
    case 'jsonl':
      if (!env.OTEL_TRACES_FILE) throw new Error('OTEL_TRACES_EXPORTER=jsonl needs OTEL_TRACES_FILE');
      return new JsonLinesSpanExporter(env.OTEL_TRACES_FILE);
    default:
      throw new Error(`OTEL_TRACES_EXPORTER: unknown exporter "${kind}" (otlp, jsonl, console or none)`);
  }
}

let started: Tracing | undefined;

/**
 * Starts OpenTelemetry tracing for this process, once: W3C trace context and
 * baggage propagation, a parent-based ratio sampler (`OTEL_TRACES_SAMPLER_ARG`,
 * default 1), and automatic spans for incoming and outgoing HTTP (Node's http
 * and fetch), Koa middleware and routes, Postgres queries, and AWS SDK calls
 * (SQS publishes carry the trace context in message attributes; S3).
 *
 * Modules are patched as they load, so this must run before the service's
 * modules are imported: services start through `--import
 * @pocdojo/common/instrument`, tests call it before importing the services.
 * Without an exporter (the default) it does nothing and costs nothing.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (started) return started;
  const env = options.env ?? process.env;
  const exporter = options.exporter ?? exporterFromEnv(env);
  if (!exporter) {
    started = { flush: async () => {}, shutdown: async () => {} };
    return started;
  }
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || options.service }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(Number.isFinite(ratio) ? ratio : 1) }),
    spanProcessors: [options.simple ? new SimpleSpanProcessor({ exporter }) : new BatchSpanProcessor({ exporter })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  trace.setGlobalTracerProvider(provider);
  registerImportHooks({ include: INSTRUMENTED_MODULES });
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '/').split('?')[0] ?? '/'),
        // The OTLP exporter's own requests would trace themselves forever.
        ignoreOutgoingRequestHook: (request) => String(request.path ?? '').endsWith('/v1/traces'),
      }),
      new UndiciInstrumentation(),
      new KoaInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new AwsInstrumentation({ suppressInternalInstrumentation: true }),
    ],
  });
  started = {
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
  return started;
}
