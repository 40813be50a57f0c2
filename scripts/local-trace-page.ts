/**
 * The local trace page of `npm start`: every service appends its finished
 * spans to one JSON-lines file (OTEL_TRACES_EXPORTER=jsonl, see
 * common/src/runtime/jsonl-span-exporter.ts); this page lists the latest traces and
 * draws one as a tree of spans with their timing — an API request, its
 * queries, the outbox publish, and the consumers and workers that followed.
 * Development only: production exports OTLP to the ADOT collector (X-Ray).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { SpanLine } from '../common/src/runtime/jsonl-span-exporter.ts';

const escapeHtml = (text: unknown) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The spans of the file, grouped by trace, newest trace first (the file's last `limitBytes` only). */
export function readTraces(file: string, limitBytes = 8 * 1024 * 1024): Map<string, SpanLine[]> {
  const traces = new Map<string, SpanLine[]>();
  if (!existsSync(file)) return traces;
  const text = readFileSync(file, 'utf8');
  for (const line of text.slice(Math.max(0, text.length - limitBytes)).split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const span = JSON.parse(line) as SpanLine;
      traces.set(span.traceId, [...(traces.get(span.traceId) ?? []), span]);
    } catch {
      // A line cut by the size limit or by a crash mid-write: skip it.
    }
  }
  const start = (spans: SpanLine[]) => Math.min(...spans.map((s) => s.start));
  return new Map([...traces].sort(([, a], [, b]) => start(b) - start(a)));
}

/** Spans in tree order (parents before children, siblings by start), each with its depth. */
export function spanTree(spans: SpanLine[]): { span: SpanLine; depth: number }[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = Map.groupBy(spans, (s) => (s.parentSpanId && ids.has(s.parentSpanId) ? s.parentSpanId : ''));
  const out: { span: SpanLine; depth: number }[] = [];
  const walk = (parent: string, depth: number) => {
    for (const span of (children.get(parent) ?? []).toSorted((a, b) => a.start - b.start)) {
      out.push({ span, depth });
      walk(span.spanId, depth + 1);
    }
  };
  walk('', 0);
  return out;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px system-ui;margin:2em}table{border-collapse:collapse;width:100%}td,th{padding:2px 8px;text-align:left;white-space:nowrap}
tr:nth-child(even){background:#f4f4f4}.bar{background:#4a7bd0;height:10px;display:inline-block}.err{color:#b00}code{font-size:12px}</style>
<h1>${escapeHtml(title)}</h1>${body}</html>`;

function listPage(traces: Map<string, SpanLine[]>): string {
  const rows = [...traces]
    .slice(0, 200)
    .map(([id, spans]) => {
      const root = spanTree(spans)[0]?.span ?? spans[0]!;
      const services = [...new Set(spans.map((s) => s.service))].join(', ');
      const end = Math.max(...spans.map((s) => s.start + s.durationUs));
      const ms = (end - Math.min(...spans.map((s) => s.start))) / 1000;
      return `<tr><td>${new Date(root.start / 1000).toISOString()}</td><td><a href="/traces/${escapeHtml(id)}">${escapeHtml(root.name)}</a></td>
<td>${escapeHtml(services)}</td><td>${spans.length}</td><td>${ms.toFixed(1)} ms</td><td><code>${escapeHtml(id)}</code></td></tr>`;
    })
    .join('');
  return page(
    'PocDojo traces (local)',
    `<p>Newest first. A request's trace id is its <code>X-Request-Id</code> and the <code>traceId</code> of its log lines.</p>
<table><tr><th>started</th><th>root span</th><th>services</th><th>spans</th><th>duration</th><th>trace id</th></tr>${rows}</table>`,
  );
}

function tracePage(id: string, spans: SpanLine[]): string {
  const t0 = Math.min(...spans.map((s) => s.start));
  const total = Math.max(1, Math.max(...spans.map((s) => s.start + s.durationUs)) - t0);
  const rows = spanTree(spans)
    .map(({ span, depth }) => {
      const left = ((span.start - t0) / total) * 300;
      const width = Math.max(1, (span.durationUs / total) * 300);
      const detail = Object.entries(span.attributes)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ');
      return `<tr><td style="padding-left:${depth * 18 + 8}px" class="${span.status === 2 ? 'err' : ''}">${escapeHtml(span.name)}</td>
<td>${escapeHtml(span.service)}</td><td>${(span.durationUs / 1000).toFixed(2)} ms</td>
<td><span style="margin-left:${left.toFixed(0)}px;width:${width.toFixed(0)}px" class="bar"></span></td><td><code>${escapeHtml(detail).slice(0, 400)}</code></td></tr>`;
    })
    .join('');
  return page(
    `Trace ${id}`,
    `<p><a href="/">all traces</a></p><table><tr><th>span</th><th>service</th><th>duration</th><th>timeline</th><th>attributes</th></tr>${rows}</table>`,
  );
}

/** Serves the page on `port` (loopback unless `host` says otherwise); resolves once it listens. */
export async function startLocalTracePage(file: string, port: number, host: string): Promise<{ close(): void }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const traces = readTraces(file);
    const id = /^\/traces\/([0-9a-f]{32})$/.exec(path)?.[1];
    const spans = id ? traces.get(id) : undefined;
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(listPage(traces));
    else if (id && spans) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(tracePage(id, spans));
    else
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('no such trace (yet: spans are written every few seconds)');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { close: () => server.close() };
}
