import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { postgresConnections } from '../postgres';

/**
 * The state of every PostgreSQL connection the service holds, per component (event store,
 * its LISTEN connection, read store, lease connection, key store pools), read from the
 * process-wide `postgresConnections` at each scrape (docs/adr/0022). Components appear once
 * opened; a deployment on SQLite has none.
 */
@Injectable()
export class PostgresConnectionMetrics {
  constructor(registry: Registry) {
    new Gauge({
      name: 'postgres_connection_up',
      help: '1 while the component reaches PostgreSQL; 0 from a lost connection or a failed connect until a connection succeeds again.',
      labelNames: ['component'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { component, up } of postgresConnections.statuses()) {
          if (up !== undefined) this.set({ component }, up ? 1 : 0);
        }
      },
    });
    new Counter({
      name: 'postgres_connection_losses_total',
      help: 'Established PostgreSQL connections that died (server restart or crash, terminated backend, network), by component.',
      labelNames: ['component'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { component, losses } of postgresConnections.statuses()) {
          this.inc({ component }, losses);
        }
      },
    });
    new Counter({
      name: 'postgres_connect_failures_total',
      help: 'Attempts to connect to PostgreSQL that failed because the server could not be reached, by component.',
      labelNames: ['component'],
      registers: [registry],
      collect() {
        this.reset();
        for (const { component, connectFailures } of postgresConnections.statuses()) {
          this.inc({ component }, connectFailures);
        }
      },
    });
  }
}
