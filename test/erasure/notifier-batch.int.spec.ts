import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { subjectStream } from '../../src/shared/tenancy/stream-names';
import type { JsonObject, RecordedEvent } from '../../src/event-store/event-store.port';
import { ErasureNotifierProjection } from '../../src/erasure/workflow/erasure-notifier.projection';
import type {
  ErasureWorkflowSteps,
  StepTrigger,
} from '../../src/erasure/workflow/erasure-workflow-steps';
import type { ErasureScope } from '../../src/consent/domain/subject/subject.events';
import { erasureRequested, syncRecorded } from '../../src/consent/domain/testing/event-builders';
import { completed } from '../../src/erasure/domain/testing/erasure-builders';
import { cutInto, firstDifference, rowsAfter } from '../projections/fixtures/batch-equivalence';
import { createStores, DIALECTS, type StoreHarness } from '../projections/fixtures/stores';

/**
 * The erasure notifier reads a batch's open category erasures once instead of once per
 * recorded sync (docs/adr/0023). Over random feeds of category and account erasure
 * requests, syncs in and out of their categories and completions, for a few subjects of two
 * tenants, applying the feed in random batches must set off exactly the notifications, in
 * the same order, and leave exactly the rows that applying it one event at a time does.
 */
const TENANTS = ['acme', 'globex'] as const;
const SUBJECTS = ['s-1', 's-2'] as const;
const CATEGORIES = ['device-info', 'approximate-location'] as const;

type Step =
  | { kind: 'request'; tenant: number; subject: number; categories: number[] | 'account' }
  | { kind: 'sync'; tenant: number; subject: number; category: number }
  | { kind: 'complete'; tenant: number; subject: number; which: number };

const steps = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('request' as const),
      tenant: fc.nat({ max: 1 }),
      subject: fc.nat({ max: 1 }),
      categories: fc.oneof(
        fc.constant('account' as const),
        fc.uniqueArray(fc.nat({ max: 1 }), { minLength: 1, maxLength: 2 }),
      ),
    }),
    fc.record({
      kind: fc.constant('sync' as const),
      tenant: fc.nat({ max: 1 }),
      subject: fc.nat({ max: 1 }),
      category: fc.nat({ max: 1 }),
    }),
    fc.record({
      kind: fc.constant('complete' as const),
      tenant: fc.nat({ max: 1 }),
      subject: fc.nat({ max: 1 }),
      which: fc.nat({ max: 3 }),
    }),
  ),
  { minLength: 1, maxLength: 80, size: 'max' },
);

/** The feed the steps describe; a completion closes one of the subject's requests so far. */
function feedOf(script: readonly Step[]): RecordedEvent[] {
  const requested = new Map<string, string[]>();
  const revisions = new Map<string, number>();
  return script.flatMap((step, n): RecordedEvent[] => {
    const tenantId = TENANTS[step.tenant]!;
    const subjectId = SUBJECTS[step.subject]!;
    const streamName = subjectStream(tenantId, subjectId);
    const occurredAt = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
    let data: JsonObject;
    if (step.kind === 'request') {
      const erasureId = randomUUID();
      requested.set(streamName, [...(requested.get(streamName) ?? []), erasureId]);
      const scope: ErasureScope =
        step.categories === 'account'
          ? { kind: 'account' }
          : { kind: 'categories', categories: step.categories.map((c) => CATEGORIES[c]!) };
      data = asJson(erasureRequested(scope, { at: occurredAt, erasureId }));
    } else if (step.kind === 'sync') {
      const flow = { category: CATEGORIES[step.category]!, recipient: 'cloud', purpose: 'backup' };
      data = asJson(syncRecorded(flow, 'grant', { syncId: randomUUID(), at: occurredAt }));
    } else {
      const open = requested.get(streamName) ?? [];
      if (open.length === 0) return [];
      const erasureId = open[step.which % open.length]!;
      data = asJson(completed([], { at: occurredAt, erasureId }));
    }
    const revision = revisions.get(streamName) ?? 0;
    revisions.set(streamName, revision + 1);
    return [
      {
        id: randomUUID(),
        type: data.type as string,
        streamName,
        streamRevision: revision,
        globalPosition: BigInt(n + 1),
        data: { ...data, tenantId, subjectId },
        metadata: { tenantId },
        recordedAt: new Date(occurredAt),
      },
    ];
  });
}

/** A notifier whose steps only note what they were asked to do. */
function recordingNotifier(calls: string[]): ErasureNotifierProjection {
  const steps = {
    recordNotifications: (trigger: StepTrigger) => {
      calls.push(JSON.stringify(trigger));
      return Promise.resolve();
    },
  } as unknown as ErasureWorkflowSteps;
  return new ErasureNotifierProjection(steps);
}

const DUMPS = [
  `SELECT * FROM erasure_notifier_open_category_erasures
   ORDER BY tenant_id, subject_id, erasure_id`,
];

describe.each(DIALECTS)('erasure_notifier applyBatch on a %s read store', (dialect) => {
  let stores: StoreHarness;

  beforeAll(async () => {
    stores = await createStores(dialect);
    await stores.readStore.transaction((tx) => recordingNotifier([]).setup(tx));
  });

  afterAll(() => stores.destroy());

  it('notifies and stores exactly as one event at a time, however the feed is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        steps,
        fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 6 }),
        async (script, cuts) => {
          const events = feedOf(script);
          const oneByOneCalls: string[] = [];
          const oneByOne = recordingNotifier(oneByOneCalls);
          const expected = await rowsAfter(stores.readStore, DUMPS, async (tx) => {
            for (const event of events) await oneByOne.apply(event, tx);
          });
          const batchedCalls: string[] = [];
          const batched = recordingNotifier(batchedCalls);
          const actual = await rowsAfter(stores.readStore, DUMPS, async (tx) => {
            for (const batch of cutInto(events, cuts)) await batched.applyBatch(batch, tx);
          });
          expect(batchedCalls).toEqual(oneByOneCalls);
          expect(firstDifference(actual, expected)).toBeUndefined();
        },
      ),
      {
        seed: Number(process.env.FC_SEED ?? 20261207),
        numRuns: Number(process.env.FC_RUNS ?? (dialect === 'postgres' ? 25 : 100)),
      },
    );
  }, 120_000);
});

/** Events as the store holds them: well-formed, as the decoders require (docs/adr/0032). */
function asJson(event: object): JsonObject {
  return JSON.parse(JSON.stringify(event)) as JsonObject;
}
