import type { INestApplicationContext } from '@nestjs/common';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config';

/** Builds the service without listening, runs `work`, and shuts everything down. */
export async function withApp(
  work: (app: INestApplicationContext) => Promise<void>,
): Promise<void> {
  const app = await createApp(loadConfig({ LOG_LEVEL: 'warn', ...process.env }));
  try {
    await work(app);
  } finally {
    await app.close();
  }
}
