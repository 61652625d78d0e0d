import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap/create-app';
import { loadConfig } from '../../src/config/load-config';
import type { EventStore } from '../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import { Public } from '../../src/auth/public.decorator';

const SLOW_MS = 300;
/** What happened, in order, on the server side. */
const order: string[] = [];
/** Resolves once the slow request is being handled, so shutdown starts mid-request. */
let markHandling: () => void = () => undefined;
const handling = new Promise<void>((resolve) => (markHandling = resolve));

@Controller('test')
@Public()
class SlowController {
  @Get('slow')
  async slow(): Promise<{ done: boolean }> {
    markHandling();
    await sleep(SLOW_MS);
    order.push('request handled');
    return { done: true };
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

describe('graceful shutdown', () => {
  let dataDir: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'consent-ledger-shutdown-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      INITIAL_ADMIN_KEY_FILE: join(dataDir, 'initial-admin.key'),
    });
    app = await createApp(config, { extraImports: [SlowModule] });
    // A real socket: in-flight requests only exist on a listening server.
    await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets an in-flight request finish, then closes the event store', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    const closeStore = store.close.bind(store);
    jest.spyOn(store, 'close').mockImplementation(async () => {
      order.push('store closed');
      await closeStore();
    });

    const response = fetch(`${await app.getUrl()}/test/slow`).then(async (res) => ({
      status: res.status,
      body: await res.json(),
    }));
    await handling;
    const closing = app.close();

    await expect(response).resolves.toEqual({ status: 200, body: { done: true } });
    await closing;
    expect(order).toEqual(['request handled', 'store closed']);
    // Without draining, the finished keep-alive connection would hold close() for ~72 s.
  }, 10_000);
});
