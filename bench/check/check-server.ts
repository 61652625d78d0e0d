/**
 * The service as the check benchmark runs it: `createApp` on the embedded stores of
 * DATA_DIR (from the environment, like `main.ts`), plus the constant routes when
 * BENCH_CONSTANT_ROUTE=1. It waits until every projection has caught up with the log,
 * listens on a free loopback port, tells the parent that port over IPC, and shuts down
 * cleanly when the parent says `stop` (so a --cpu-prof profile gets written).
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import { ProjectorHost } from '../../src/projections/projector-host';
import { ConstantRouteModule } from './constant-route.module';

const CATCH_UP_TIMEOUT_MS = 600_000;

async function main(): Promise<void> {
  const constant = process.env.BENCH_CONSTANT_ROUTE === '1';
  const app = await createApp(loadConfig(process.env), {
    extraImports: constant ? [ConstantRouteModule] : [],
  });
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  if (!(await app.get(ProjectorHost).waitForPosition(head, CATCH_UP_TIMEOUT_MS))) {
    throw new Error('the projections did not catch up with the log in time');
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.getHttpServer().address() as AddressInfo;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('message', (message) => message === 'stop' && stop());
  process.on('disconnect', stop);
  process.send?.({ port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
