import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { subjectStream } from '../../src/shared/tenancy/stream-names';
import { TENANT_ID } from '../../src/consent/domain/testing/fixtures';
import type { EventStore } from '../../src/event-store/event-store.port';
import { openSqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { Projector } from '../../src/projections/projector';
import type { ReadStore } from '../../src/read-store/read-store.port';
import { openSqliteReadStore } from '../../src/read-store/sqlite/sqlite-read-store';
import { ConsentStateProjection } from '../../src/read-side/projections/consent-state.projection';
import { FlowWindowsProjection } from '../../src/read-side/projections/flow-windows.projection';
import { appendHistories, randomHistories } from './random-histories';

/**
 * The read side's projections apply whole batches at once; when one event amid a batch
 * cannot be applied, the projection must still name exactly that event (ADR 0006), and
 * keep nothing of the batch, which rolls back, so it resumes there after a fix.
 */
describe('a read-side projection failing amid a batch', () => {
  let dir: string;
  let eventStore: EventStore;
  let readStore: ReadStore;
  let projector: Projector | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cl-batch-failure-'));
    eventStore = await openSqliteEventStore({ path: join(dir, 'events.sqlite') });
    readStore = await openSqliteReadStore({ path: join(dir, 'read.sqlite') });
  });

  afterEach(async () => {
    await projector?.stop();
    await readStore.close();
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the event it cannot apply and keeps nothing of its batch', async () => {
    const histories = randomHistories(20, 7);
    await appendHistories(eventStore, histories.slice(0, 10));
    const subjectId = histories[0]!.subjectId;
    const stream = subjectStream(TENANT_ID, subjectId);
    const before = await eventStore.readStream(stream);
    const unknownId = randomUUID();
    const { position } = await eventStore.append(
      stream,
      [
        {
          id: unknownId,
          type: 'mystery',
          data: { tenantId: TENANT_ID, subjectId, type: 'mystery' },
        },
      ],
      before.length - 1,
    );
    await appendHistories(eventStore, histories.slice(10), 'tenant-after');

    projector = new Projector({
      eventStore,
      readStore,
      projections: [new ConsentStateProjection(), new FlowWindowsProjection()],
      settings: { batchSize: 5000, idlePollMs: 20, followerPollMs: 20 },
    });
    await projector.start();
    while (!projector.states().every((s) => s.state === 'failed')) await sleep(20);

    for (const state of projector.states()) {
      expect({ name: state.name, position: state.position, failure: state.failure }).toEqual({
        name: state.name,
        position: 0n,
        failure: expect.objectContaining({
          eventId: unknownId,
          eventType: 'mystery',
          position: position.toString(),
        }) as unknown,
      });
    }
    const [facts] = await readStore.query(
      'SELECT count(*) AS n FROM flow_windows_facts WHERE subject_id = $1',
      [subjectId],
    );
    expect(Number(facts?.n)).toBe(0);
  });
});
