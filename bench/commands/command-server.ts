/**
 * The service as the commands benchmark runs it, in its own process: `createApp` with the
 * settings of its environment (like `main.ts`: a durable SQLite store in DATA_DIR unless
 * EVENT_STORE_URL says otherwise), listening on a free loopback port that it tells the
 * parent over IPC. It shuts down cleanly when the parent says `stop` or goes away, so a
 * `--cpu-prof` profile gets written.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';

async function main(): Promise<void> {
  const app = await createApp(loadConfig(process.env));
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
