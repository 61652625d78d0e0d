/**
 * The service as the commands benchmark runs it, in its own process: `createApp` with the
 * settings of its environment (like `main.ts`: a durable SQLite store in DATA_DIR unless
 * EVENT_STORE_URL says otherwise), listening on a free loopback port that it tells the
 * parent over IPC (`serveUntilStopped`).
 */
import 'reflect-metadata';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import { serveUntilStopped } from '../support/serve-until-stopped';

async function main(): Promise<void> {
  const app = await createApp(loadConfig(process.env));
  await serveUntilStopped(app);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
