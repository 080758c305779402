import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics, one registry per application instance (tests start several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    socketConnections: new Gauge({
      name: 'yt_socket_connections',
      help: 'Open Socket.IO connections',
      registers: [registry],
    }),
    socketEventsThrottled: new Counter({
      name: 'yt_socket_events_throttled_total',
      help: 'Socket events refused unparsed by the per-connection throttle',
      registers: [registry],
    }),
    socketFloodDisconnects: new Counter({
      name: 'yt_socket_flood_disconnects_total',
      help: 'Connections closed for flooding',
      registers: [registry],
    }),
    socketEvents: new Histogram({
      name: 'yt_socket_event_seconds',
      help: 'Socket event handling time by event and outcome code',
      labelNames: ['event', 'code'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'yt_http_requests_total',
      help: 'HTTP requests by method and status',
      labelNames: ['method', 'status'] as const,
      registers: [registry],
    }),
    honeypotHits: new Counter({
      name: 'yt_join_honeypot_total',
      help: 'Join requests dropped by the honeypot',
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
