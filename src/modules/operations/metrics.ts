// Prometheus figures of one app: its requests, its database pool and the outbox, with the process-wide ones merged in.
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../../platform/config.ts';
import { inRegion, type Database } from '../../platform/db/database.ts';
import { processRegistry } from '../../platform/metrics.ts';
import { outboxBacklog } from './repository.ts';

export interface ScrapeRequest {
  authorization: string | undefined;
  ip: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

// A client on IPv4 reaches a server listening on "::" as ::ffff:a.b.c.d; the rules name a.b.c.d.
const plainAddress = (ip: string) => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

/**
 * Who may read /metrics: a request with the configured bearer token, or one from a configured address or range.
 * The token is compared as a hash in constant time, so neither its content nor its length leaks through timing.
 */
export function scrapeAccess(config: Pick<Config, 'metricsToken' | 'metricsAllow'>): (request: ScrapeRequest) => boolean {
  const allowed = new BlockList();
  for (const entry of config.metricsAllow) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) allowed.addAddress(address, family);
    else allowed.addSubnet(address, Number(prefix), family);
  }
  const token = config.metricsToken === undefined ? undefined : digest(config.metricsToken);
  return ({ authorization, ip }) => {
    if (token) {
      const given = /^Bearer +(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
      if (given !== undefined && timingSafeEqual(digest(given), token)) return true;
    }
    const address = plainAddress(ip);
    const family = isIP(address);
    return family !== 0 && allowed.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}

export interface OperationsMetrics {
  /** An onResponse hook: counts the request by its route pattern, never by its URL (status links carry secrets). */
  countResponse(req: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The Prometheus text; reads the pool and the outbox now, so the figures are as fresh as the scrape. */
  scrape(): Promise<string>;
  contentType: string;
}

export function createOperationsMetrics(database: Database): OperationsMetrics {
  // One registry per app: tests build many apps in one process, and each counts only its own requests.
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ name: 'rathaus_http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const durations = new Histogram({
    name: 'rathaus_http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its answer',
    labelNames,
    registers: [registry],
  });
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [registry] });
  const pool = {
    max: gauge('rathaus_db_pool_max_connections', 'Connections the pool may open (PGlite: 1)'),
    total: gauge('rathaus_db_pool_connections', 'Connections open, busy or idle'),
    idle: gauge('rathaus_db_pool_idle_connections', 'Open connections not in use'),
    waiting: gauge('rathaus_db_pool_waiting_queries', 'Queries waiting for a free connection'),
  };
  const outboxPending = gauge('rathaus_outbox_pending_jobs', 'Outbox jobs neither delivered nor given up');
  const outboxOldest = gauge('rathaus_outbox_oldest_pending_age_seconds', 'Age of the oldest pending outbox job (0 when none)');

  return {
    contentType: registry.contentType,
    async countResponse(req, reply) {
      // Requests no route matched are counted together: their URLs are whatever a client sent.
      const labels = { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
      requests.inc(labels);
      durations.observe(labels, reply.elapsedTime / 1000);
    },
    async scrape() {
      const stats = database.poolStats();
      pool.max.set(stats.max);
      pool.total.set(stats.total);
      pool.idle.set(stats.idle);
      pool.waiting.set(stats.waiting);
      const backlog = await inRegion(database.db, outboxBacklog);
      outboxPending.set(backlog.pending);
      outboxOldest.set(backlog.oldestAgeSeconds);
      return Registry.merge([processRegistry(), registry]).metrics();
    },
  };
}
