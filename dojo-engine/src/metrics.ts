import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What a live room reports to the engine's metrics. */
export interface RoomGauge {
  clients(): number;
  documentBytes(): number;
  persistBacklog(): number;
}

/**
 * The engine's Prometheus metrics: rooms, clients, messages, persist lag,
 * document bytes. Room-level gauges are summed over live rooms at scrape time
 * (no per-room labels: hundreds of rooms would explode cardinality).
 */
export class EngineMetrics {
  readonly rooms = new Set<RoomGauge>();
  readonly messages: Counter<'type'>;
  readonly refused: Counter<'code'>;
  readonly persistLag: Histogram;
  readonly admissions: Counter<'result'>;

  constructor(registry: Registry) {
    const rooms = this.rooms;
    new Gauge({
      name: 'dojo_rooms',
      help: 'Live dojo rooms in this process',
      registers: [registry],
      collect() {
        this.set(rooms.size);
      },
    });
    new Gauge({
      name: 'dojo_clients',
      help: 'Clients connected to rooms of this process',
      registers: [registry],
      collect() {
        let sum = 0;
        for (const room of rooms) sum += room.clients();
        this.set(sum);
      },
    });
    new Gauge({
      name: 'dojo_document_bytes',
      help: 'Estimated encoded size of all live documents',
      registers: [registry],
      collect() {
        let sum = 0;
        for (const room of rooms) sum += room.documentBytes();
        this.set(sum);
      },
    });
    new Gauge({
      name: 'dojo_persist_backlog_changes',
      help: 'Accepted changes not yet written to Postgres',
      registers: [registry],
      collect() {
        let sum = 0;
        for (const room of rooms) sum += room.persistBacklog();
        this.set(sum);
      },
    });
    this.messages = new Counter({
      name: 'dojo_messages_total',
      help: 'Client messages received, by type (rate() gives messages/s)',
      labelNames: ['type'],
      registers: [registry],
    });
    this.refused = new Counter({
      name: 'dojo_messages_refused_total',
      help: 'Client messages refused, by error code',
      labelNames: ['code'],
      registers: [registry],
    });
    this.persistLag = new Histogram({
      name: 'dojo_persist_lag_seconds',
      help: 'Time from a change being accepted to it being committed in Postgres',
      buckets: [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5],
      registers: [registry],
    });
    this.admissions = new Counter({
      name: 'dojo_admissions_total',
      help: 'Matchmaking ticket checks, by result (ok or error code)',
      labelNames: ['result'],
      registers: [registry],
    });
  }
}
