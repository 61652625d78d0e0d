import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Runs a benchmark's service in its child process: listens on a free loopback port, tells the
 * parent `{ port, ...extra }` over IPC, and closes cleanly when the parent says `stop` or goes
 * away, so a `--cpu-prof` profile gets written.
 */
export async function serveUntilStopped(
  app: NestFastifyApplication,
  extra: Record<string, unknown> = {},
): Promise<void> {
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
  process.send?.({ port, ...extra });
}
