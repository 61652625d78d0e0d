import { Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HttpRequestMetrics } from './http-request-metrics';
import { MetricsController } from './metrics.controller';
import { PostgresConnectionMetrics } from './postgres-connection-metrics';

/** One registry per application rather than prom-client's process-wide default, so apps built side by side in tests do not share or clash over metrics. */
function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Provides the application's prom-client `Registry` under its class token: inject
 * `Registry` and pass it in `registers` to publish a metric on `/metrics`.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: Registry, useFactory: createRegistry },
    HttpRequestMetrics,
    PostgresConnectionMetrics,
  ],
  exports: [Registry],
})
export class MetricsModule {}
