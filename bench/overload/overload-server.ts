/**
 * The service as the overload benchmark runs it, in its own process: like `main.ts`, with
 * the probe port when PROBE_PORT is set, on a free loopback port it tells the parent over IPC.
 */
import 'reflect-metadata';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import { listenForProbes } from '../../src/overload/probe-listener';
import { serveUntilStopped } from '../support/serve-until-stopped';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await listenForProbes(app, '127.0.0.1', config.overload.server);
  await serveUntilStopped(app);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
