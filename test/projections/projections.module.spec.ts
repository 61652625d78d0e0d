import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';
import { APP_CONFIG } from '../../src/config/app-config.token';
import { EVENT_STORE } from '../../src/event-store/event-store.token';
import {
  PROJECTION_STATUS,
  type ProjectionStatusSource,
} from '../../src/projections/projection-status';
import { PROJECTIONS } from '../../src/projections/projections.token';
import { ProjectionsModule } from '../../src/projections/projections.module';
import { ProjectorHost } from '../../src/projections/projector-host';
import { READ_STORE } from '../../src/read-store/read-store.token';
import type { ReadStore } from '../../src/read-store/read-store.port';
import { asNumber } from '../../src/read-store/sql-value';
import { CountingProjection } from './fixtures/counting.projection';
import { appendEvents, createStores, type StoreHarness } from './fixtures/stores';

/** Two feature modules, each registering projections under its own `PROJECTIONS`. */
@Module({ providers: [{ provide: PROJECTIONS, useValue: new CountingProjection() }] })
class ConsentFeatureModule {}

@Module({
  providers: [
    {
      provide: PROJECTIONS,
      useFactory: () => [
        new CountingProjection({ name: 'flows' }),
        new CountingProjection({ name: 'erasure' }),
      ],
    },
  ],
})
class FlowsFeatureModule {}

describe('ProjectionsModule', () => {
  let stores: StoreHarness;

  beforeEach(async () => {
    stores = await createStores('sqlite');
  });

  afterEach(async () => {
    await stores.destroy();
  });

  it('runs every registered projection from bootstrap to shutdown', async () => {
    const readStoreUrl = stores.readStoreUrl.replace(/^sqlite:/, '');
    @Global()
    @Module({
      providers: [
        { provide: APP_CONFIG, useValue: { readStore: { kind: 'sqlite', url: readStoreUrl } } },
        { provide: EVENT_STORE, useValue: stores.eventStore },
        { provide: Registry, useValue: new Registry() },
      ],
      exports: [APP_CONFIG, EVENT_STORE, Registry],
    })
    class ShellModule {}

    const head = await appendEvents(stores.eventStore, 25);
    const moduleRef = await Test.createTestingModule({
      imports: [ShellModule, ProjectionsModule, ConsentFeatureModule, FlowsFeatureModule],
    }).compile();
    // An application context runs the same bootstrap and shutdown hooks as the HTTP app.
    const app = await moduleRef.init();
    let readStore: ReadStore;
    try {
      const host = app.get(ProjectorHost);
      expect(
        host
          .states()
          .map((s) => s.name)
          .sort(),
      ).toEqual(['counting', 'erasure', 'flows']);
      expect(await host.waitForPosition(head, 10_000)).toBe(true);

      const status = app.get<ProjectionStatusSource>(PROJECTION_STATUS);
      expect(
        (await status.statuses()).every((s) => s.caughtUp && s.position === head.toString()),
      ).toBe(true);

      readStore = app.get<ReadStore>(READ_STORE);
      const [row] = await readStore.query('SELECT count(*) AS n FROM flows_events');
      expect(asNumber(row!.n)).toBe(25);
      const registry = app.get(Registry);
      expect(await registry.metrics()).toContain('projection_lag_events{projection="erasure"} 0');
    } finally {
      await app.close();
    }
    // Shutdown stopped the projector and closed the read store.
    expect(
      app
        .get(ProjectorHost)
        .states()
        .every((s) => s.state === 'stopped'),
    ).toBe(true);
    await expect(readStore.query('SELECT 1')).rejects.toMatchObject({ code: 'read-store-closed' });
  });
});
