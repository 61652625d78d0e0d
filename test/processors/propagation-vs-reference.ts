import fc from 'fast-check';
import type { QueryBus } from '@nestjs/cqrs';
import { DAY, POLICY_V1_FROM, TENANT_ID } from '../../src/consent/domain/testing/fixtures';
import {
  PROPERTY_TEST_TIMEOUT_MS,
  propertyRunOptions,
} from '../../src/consent/domain/testing/property-run-options';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { FeedReader } from '../../src/feed';
import { FeedProjection } from '../../src/feed/projection/feed.projection';
import type { FeedChange } from '../../src/feed/projection/feed-change-row';
import { PropagationProjection } from '../../src/processors/projection/propagation.projection';
import { PropagationReader } from '../../src/processors/propagation-reader';
import { GetPropagationHandler } from '../../src/processors/queries/get-propagation/get-propagation.handler';
import { GetPropagationQuery } from '../../src/processors/queries/get-propagation/get-propagation.query';
import type { ReadYourWrites } from '../../src/projections';
import type { ReadStore, SqlDialect } from '../../src/read-store/read-store.port';
import { processorAcknowledgementsStream } from '../../src/shared/tenancy/stream-names';
import { toMillis } from '../../src/shared/time/instant';
import { batchesOf, feedHistory, type FeedHistory } from '../feed/feed-histories';
import { usePrivateReadStore } from '../feed/feed-vs-reference';

/** After batch `after` (modulo their number), recipient number `recipient` acknowledges `share` of the way to the head. */
interface AckChoice {
  readonly after: number;
  readonly recipient: number;
  readonly share: number;
}

interface Ack {
  readonly recipient: string;
  readonly position: number;
  readonly at: number;
}

const RECIPIENTS = ['map-provider-row', 'first-party-row', 'analytics-row'];
const V1_MS = toMillis(POLICY_V1_FROM);
const PERIODS: readonly (readonly [number, number])[] = [
  [0, 8_000_000_000_000],
  [V1_MS, V1_MS + 40 * DAY],
];

const scenario = fc.record({
  history: feedHistory,
  acks: fc.array(
    fc.record({
      after: fc.nat({ max: 6 }),
      recipient: fc.nat({ max: RECIPIENTS.length - 1 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { maxLength: 6 },
  ),
});

function ackEvent(ack: Ack, index: number): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type: 'processor-acknowledged',
    streamName: processorAcknowledgementsStream(TENANT_ID, ack.recipient),
    streamRevision: index,
    globalPosition: BigInt(1_000_000 + index),
    data: {
      type: 'processor-acknowledged',
      schemaVersion: 1,
      tenantId: TENANT_ID,
      recipient: ack.recipient,
      position: ack.position,
      acknowledgedAt: new Date(ack.at).toISOString(),
      actor: 'key:test',
    },
    metadata: { tenantId: TENANT_ID },
    recordedAt: new Date(ack.at),
  };
}

async function reset(store: ReadStore, projection: FeedProjection | PropagationProjection) {
  await store.transaction(async (tx) => {
    await projection.drop(tx);
    await projection.setup(tx);
  });
}

/**
 * Builds the feed batch by batch; after a batch, a chosen recipient acknowledges a position
 * between its last one and the feed's head, recorded after every event so far (as the
 * decider allows). Resolves to the acknowledgements as the service recorded them.
 */
async function build(store: ReadStore, history: FeedHistory, choices: readonly AckChoice[]) {
  const feed = new FeedProjection();
  const ledger = new PropagationProjection();
  await reset(store, feed);
  await reset(store, ledger);
  const acks: Ack[] = [];
  let clock = 0;
  const batches = batchesOf(history);
  for (const [index, batch] of batches.entries()) {
    await store.transaction((tx) => feed.applyBatch(batch, tx));
    clock = Math.max(clock, ...batch.map((e) => e.recordedAt.getTime()));
    const head = await feed.heads.head(store, TENANT_ID);
    for (const choice of choices.filter((c) => c.after % batches.length === index)) {
      const recipient = RECIPIENTS[choice.recipient]!;
      const last = acks.filter((a) => a.recipient === recipient).pop()?.position ?? 0;
      const position = last + Math.floor(choice.share * (head - last));
      if (position <= last) continue;
      clock += 1000 * (1 + acks.length);
      const ack = { recipient, position, at: clock };
      await store.transaction((tx) => ledger.apply(ackEvent(ack, acks.length), tx));
      acks.push(ack);
    }
  }
  return acks;
}

/** What the endpoint should say, worked out from the feed's changes and the acks alone. */
function expected(
  changes: readonly FeedChange[],
  acks: readonly Ack[],
  recipient: string,
  [from, to]: readonly [number, number],
) {
  const mine = acks.filter((a) => a.recipient === recipient);
  const last = mine[mine.length - 1];
  const closing = changes.filter((c) => c.recipient === recipient && !c.permitted);
  const open = closing.filter((c) => c.position > (last?.position ?? 0));
  const lags = closing
    .filter((c) => c.position <= (last?.position ?? 0))
    .filter((c) => Date.parse(c.validFrom) >= from && Date.parse(c.validFrom) < to)
    .map((c) => {
      const by = mine.find((a) => a.position >= c.position)!;
      return Math.max(0, by.at - Date.parse(c.validFrom)) / 1000;
    })
    .sort((a, b) => a - b);
  const rank = (p: number) => (lags.length === 0 ? null : lags[Math.ceil(p * lags.length) - 1]!);
  return {
    recipient,
    lastAcknowledgedPosition: last?.position ?? null,
    lastAcknowledgedAt: last ? new Date(last.at).toISOString() : null,
    unacknowledged: {
      count: open.length,
      oldest: open.slice(0, 10).map((c) => ({
        position: c.position,
        subjectId: c.subjectId,
        category: c.category,
        purpose: c.purpose,
        closedAt: c.validFrom,
      })),
    },
    lag: {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      count: lags.length,
      p50Seconds: rank(0.5),
      p99Seconds: rank(0.99),
      maxSeconds: lags.length === 0 ? null : lags[lags.length - 1]!,
    },
  };
}

function handlerOn(store: ReadStore): GetPropagationHandler {
  const consistency = { reach: () => Promise.resolve() } as unknown as ReadYourWrites;
  const queries = { execute: () => Promise.resolve(RECIPIENTS) } as unknown as QueryBus;
  return new GetPropagationHandler(
    new FeedReader(store),
    new PropagationReader(store),
    { now: () => Date.now() },
    consistency,
    queries,
  );
}

/**
 * The propagation ledger on a read store of `dialect`: over random histories and
 * acknowledgements at random positions, the endpoint's answer equals one worked out from the
 * feed's changes and the acknowledgements alone, for every recipient and period; rebuilding
 * the propagation projection in one batch gives the same answer.
 */
export function describePropagationVsReference(dialect: SqlDialect, defaultRuns: number): void {
  describe(`the propagation ledger on a ${dialect} read store`, () => {
    const privateStore = usePrivateReadStore(dialect);

    it(
      'reports the unacknowledged closing changes and the lag the acknowledgements give',
      async () => {
        const seen = { acknowledged: 0, unacknowledged: 0 };
        await fc.assert(
          fc.asyncProperty(scenario, async ({ history, acks: choices }) => {
            const store = privateStore();
            const acks = await build(store, history, choices);
            const changes = await new FeedProjection().changes.page(store, TENANT_ID, 0, 1e6);
            const handler = handlerOn(store);
            const answers = async () => {
              const all = [];
              for (const recipient of RECIPIENTS) {
                for (const period of PERIODS) {
                  const caller = {
                    tenantId: TENANT_ID,
                    recipientScope: { kind: 'every-recipient' as const },
                    mayBackdate: false,
                  };
                  const query = new GetPropagationQuery(caller, recipient, period[0], period[1]);
                  const answer = await handler.execute(query);
                  expect(answer).toEqual(expected(changes, acks, recipient, period));
                  seen.acknowledged += answer.lag.count;
                  seen.unacknowledged += answer.unacknowledged.count;
                  all.push(answer);
                }
              }
              return all;
            };
            const before = await answers();
            const ledger = new PropagationProjection();
            await reset(store, ledger);
            await store.transaction(async (tx) => {
              for (const [index, ack] of acks.entries())
                await ledger.apply(ackEvent(ack, index), tx);
            });
            expect(await answers()).toEqual(before);
          }),
          propertyRunOptions(20261208, defaultRuns),
        );
        expect(seen.acknowledged).toBeGreaterThan(0);
        expect(seen.unacknowledged).toBeGreaterThan(0);
      },
      PROPERTY_TEST_TIMEOUT_MS,
    );
  });
}
