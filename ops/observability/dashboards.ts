/**
 * PocDojo's Grafana dashboards, described here and written as JSON to ./dashboards (import them in
 * Grafana, or let its sidecar load the ConfigMap). Regenerate with `node ops/observability/dashboards.ts`;
 * ops/eks/test/observability.test.ts fails when the JSON is stale or a query names a metric no service has.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Panel {
  title: string;
  /** PromQL, one query per line of the graph; `legend` names each series. */
  queries: Array<{ expr: string; legend: string }>;
  unit: 's' | 'reqps' | 'percentunit' | 'short' | 'bytes' | 'ops';
}

interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
}

const p99 = (histogram: string, job: string, by = '') =>
  `histogram_quantile(0.99, sum by (le${by ? `, ${by}` : ''}) (rate(${histogram}_bucket{job="${job}"}[5m])))`;

export const dashboards: Dashboard[] = [
  {
    uid: 'pocdojo-api',
    title: 'PocDojo — platform API',
    panels: [
      {
        title: 'Requests per second by route',
        queries: [
          {
            expr: 'sum by (route) (rate(http_request_duration_seconds_count{job="platform-api"}[5m]))',
            legend: '{{route}}',
          },
        ],
        unit: 'reqps',
      },
      {
        title: 'Errors (5xx share) by route',
        queries: [
          {
            expr: 'sum by (route) (rate(http_request_duration_seconds_count{job="platform-api",status=~"5.."}[5m])) / sum by (route) (rate(http_request_duration_seconds_count{job="platform-api"}[5m]))',
            legend: '{{route}}',
          },
        ],
        unit: 'percentunit',
      },
      {
        title: 'Latency p99 by route',
        queries: [{ expr: p99('http_request_duration_seconds', 'platform-api', 'route'), legend: '{{route}}' }],
        unit: 's',
      },
      {
        title: 'Error budget: 5xx ratio, 1 h and 6 h',
        queries: [
          { expr: 'pocdojo:api_errors:ratio_rate1h', legend: '1 h' },
          { expr: 'pocdojo:api_errors:ratio_rate6h', legend: '6 h' },
        ],
        unit: 'percentunit',
      },
      {
        title: 'Outbox: oldest pending event',
        queries: [{ expr: 'max(outbox_oldest_pending_seconds{job="platform-api"})', legend: 'age' }],
        unit: 's',
      },
      {
        title: 'Outbox: events published',
        queries: [{ expr: 'sum by (type) (rate(outbox_published_total{job="platform-api"}[5m]))', legend: '{{type}}' }],
        unit: 'ops',
      },
    ],
  },
  {
    uid: 'pocdojo-dojo',
    title: 'PocDojo — dojo engine',
    panels: [
      {
        title: 'Live rooms',
        queries: [{ expr: 'sum(dojo_rooms{job="dojo-engine"})', legend: 'rooms' }],
        unit: 'short',
      },
      {
        title: 'Connected clients',
        queries: [{ expr: 'sum(dojo_clients{job="dojo-engine"})', legend: 'clients' }],
        unit: 'short',
      },
      {
        title: 'Messages per second by type (keystroke fan-out: changes)',
        queries: [{ expr: 'sum by (type) (rate(dojo_messages_total{job="dojo-engine"}[5m]))', legend: '{{type}}' }],
        unit: 'ops',
      },
      {
        title: 'Refused messages by error code',
        queries: [
          { expr: 'sum by (code) (rate(dojo_messages_refused_total{job="dojo-engine"}[5m]))', legend: '{{code}}' },
        ],
        unit: 'ops',
      },
      {
        title: 'Persist lag p99 (accepted → committed in Postgres)',
        queries: [{ expr: p99('dojo_persist_lag_seconds', 'dojo-engine'), legend: 'p99' }],
        unit: 's',
      },
      {
        title: 'Persist backlog (changes waiting)',
        queries: [{ expr: 'sum(dojo_persist_backlog_changes{job="dojo-engine"})', legend: 'changes' }],
        unit: 'short',
      },
    ],
  },
  {
    uid: 'pocdojo-queues',
    title: 'PocDojo — queues',
    panels: [
      {
        title: 'Depth per queue',
        queries: [
          { expr: 'max by (queue_name) (aws_sqs_approximate_number_of_messages_visible)', legend: '{{queue_name}}' },
        ],
        unit: 'short',
      },
      {
        title: 'Age of the oldest message per queue',
        queries: [
          { expr: 'max by (queue_name) (aws_sqs_approximate_age_of_oldest_message)', legend: '{{queue_name}}' },
        ],
        unit: 's',
      },
      {
        title: 'Dead-letter queues',
        queries: [
          {
            expr: 'max by (queue_name) (aws_sqs_approximate_number_of_messages_visible{queue_name=~".+-dlq"})',
            legend: '{{queue_name}}',
          },
        ],
        unit: 'short',
      },
    ],
  },
  {
    uid: 'pocdojo-media',
    title: 'PocDojo — media worker',
    panels: [
      {
        title: 'Render time p99 by kind',
        queries: [{ expr: p99('media_render_seconds', 'media-worker', 'kind'), legend: '{{kind}}' }],
        unit: 's',
      },
      {
        title: 'Jobs by outcome',
        queries: [
          {
            expr: 'sum by (kind, outcome) (rate(media_jobs_total{job="media-worker"}[15m]))',
            legend: '{{kind}} {{outcome}}',
          },
        ],
        unit: 'ops',
      },
      {
        title: 'Queue wait p99 (sent → received)',
        queries: [{ expr: p99('media_queue_lag_seconds', 'media-worker'), legend: 'p99' }],
        unit: 's',
      },
      {
        title: 'Jobs in flight',
        queries: [{ expr: 'sum(media_jobs_in_flight{job="media-worker"})', legend: 'jobs' }],
        unit: 'short',
      },
    ],
  },
  {
    uid: 'pocdojo-search',
    title: 'PocDojo — search',
    panels: [
      {
        title: 'Query latency p99 by engine',
        queries: [{ expr: p99('search_query_duration_seconds', 'search-indexer', 'engine'), legend: '{{engine}}' }],
        unit: 's',
      },
      {
        title: 'POC events handled by outcome (freshness: failed or stale climbing)',
        queries: [
          {
            expr: 'sum by (type, outcome) (rate(search_indexer_events_total{job="search-indexer"}[5m]))',
            legend: '{{type}} {{outcome}}',
          },
        ],
        unit: 'ops',
      },
      {
        title: 'poc-events queue age (event → indexed upper bound)',
        queries: [
          {
            expr: 'max(aws_sqs_approximate_age_of_oldest_message{queue_name="poc-events"})',
            legend: 'oldest event',
          },
        ],
        unit: 's',
      },
    ],
  },
];

/** Grafana's dashboard JSON (schema 39) for one description: a grid of time series, two per row. */
export function grafanaJson(dashboard: Dashboard): object {
  return {
    uid: dashboard.uid,
    title: dashboard.title,
    tags: ['pocdojo'],
    timezone: 'browser',
    schemaVersion: 39,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Prometheus' }],
    },
    panels: dashboard.panels.map((panel, index) => ({
      id: index + 1,
      type: 'timeseries',
      title: panel.title,
      // Grafana's own variable syntax: the data source picked in the dashboard's drop-down.
      datasource: { type: 'prometheus', uid: `\${datasource}` },
      gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
      fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
      targets: panel.queries.map((query, i) => ({
        refId: String.fromCharCode(65 + i),
        expr: query.expr,
        legendFormat: query.legend,
      })),
    })),
  };
}

export const dashboardFile = (dashboard: Dashboard) =>
  join(import.meta.dirname, 'dashboards', `${dashboard.uid.replace(/^pocdojo-/, '')}.json`);

if (import.meta.main) {
  for (const dashboard of dashboards) {
    writeFileSync(dashboardFile(dashboard), `${JSON.stringify(grafanaJson(dashboard), null, 2)}\n`);
    console.log(`wrote ${dashboardFile(dashboard)}`);
  }
}
