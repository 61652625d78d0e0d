import { randomUUID } from 'node:crypto';
import { CheckpointSigner } from '../../src/audit/checkpoints/checkpoint-signer';
import {
  CheckpointSigningKey,
  logOrigin,
} from '../../src/audit/checkpoints/checkpoint-signing-key';
import {
  ensureCheckpointTable,
  latestCheckpoint,
  type StoredCheckpoint,
} from '../../src/audit/checkpoints/checkpoint-store';
import { AuditExporter } from '../../src/audit/export/audit-exporter';
import type {
  ExportLimits,
  ExportRequest,
  ExportSources,
  ExportSummary,
} from '../../src/audit/export/export-request';
import { serializeBundleLine } from '../../src/audit/export/bundle-lines';
import { AuditLogProjection } from '../../src/audit/log/audit-log.projection';
import {
  formatSignerKey,
  generateEd25519Seed,
  type NoteVerifier,
  parseSignerKey,
  parseVerifierKey,
} from '../../src/audit/note/note-keys';
import type { VerificationSummary } from '../../src/audit/verify/bundle-verifier';
import type { VerificationFailure } from '../../src/audit/verify/verification-failure';
import { verifyBundleLines } from '../../src/audit/verify/verify-bundle';
import { policyStream, subjectStream } from '../../src/shared/tenancy/stream-names';
import type { PolicyPublished } from '../../src/consent/domain/policy/policy.events';
import type { SubjectEvent } from '../../src/consent/domain/subject/subject.events';
import { TENANT_ID } from '../../src/consent/domain/testing/fixtures';
import type { EventStore, JsonObject } from '../../src/event-store/event-store.port';
import { Projector } from '../../src/projections/projector';
import type { SqlDialect } from '../../src/read-store/read-store.port';
import { FlowWindowsProjection } from '../../src/read-side/projections/flow-windows.projection';
import { createStores, type StoreHarness } from '../projections/fixtures/stores';
import { POLICIES, randomHistories } from '../read-side/random-histories';

/**
 * A ledger on real stores for export and tamper tests: random subject histories decided by
 * the domain (sealed personal fields included) under the tenant's policy versions, appended
 * as the service appends them (metadata names the tenant), interleaved with events of other
 * logs; the audit log and flow windows projected; checkpoints signed by the real signer.
 */
export const TENANT = TENANT_ID;
export const OTHER_TENANT = 'tenant-2';
export const ORIGIN_HOST = 'audit.test';
export const ORIGIN = logOrigin(ORIGIN_HOST, TENANT);

export const UNBOUNDED: ExportLimits = {
  maxEvents: Number.POSITIVE_INFINITY,
  waitMs: 10_000,
  retryAfterMs: 1000,
};

const FAST = { batchSize: 500, idlePollMs: 20, followerPollMs: 20 };

export interface Ledger {
  readonly stores: StoreHarness;
  readonly verifier: NoteVerifier;
  readonly signingKey: CheckpointSigningKey;
  readonly subjects: readonly string[];
  /** An exporter over the ledger's stores, or over others given in `sources`. */
  exporter(sources?: Partial<ExportSources>): AuditExporter;
  /** Waits until both projections have applied the whole feed. */
  catchUp(): Promise<void>;
  /** Signs the tenant log's current size and returns the latest checkpoint. */
  sign(): Promise<StoredCheckpoint>;
  destroy(): Promise<void>;
}

export async function openLedger(
  dialect: SqlDialect,
  options: { subjects: number; seed: number },
): Promise<Ledger> {
  const stores = await createStores(dialect);
  const projector = new Projector({
    eventStore: stores.eventStore,
    readStore: stores.readStore,
    projections: [new AuditLogProjection(), new FlowWindowsProjection()],
    settings: FAST,
  });
  let subjects: string[];
  try {
    subjects = await appendHistory(stores.eventStore, options.subjects, options.seed);
    await projector.start();
    await ensureCheckpointTable(stores.readStore);
  } catch (error) {
    await projector.stop();
    await stores.destroy();
    throw error;
  }
  const parsed = parseSignerKey(formatSignerKey(ORIGIN_HOST, generateEd25519Seed()));
  const signingKey = new CheckpointSigningKey(parsed.privateKey, parsed.publicKey);
  const signer = new CheckpointSigner({
    readStore: stores.readStore,
    key: signingKey,
    originHost: ORIGIN_HOST,
    cadence: { everyEvents: 1, everyMs: 1 },
  });
  const ledger: Ledger = {
    stores,
    signingKey,
    verifier: parseVerifierKey(signingKey.verifierKeyFor(ORIGIN)),
    subjects,
    exporter: (sources = {}) =>
      new AuditExporter({
        eventStore: stores.eventStore,
        readStore: stores.readStore,
        originHost: ORIGIN_HOST,
        waitForProjections: (position, names, timeoutMs) =>
          projector.waitForPosition(position, timeoutMs, names),
        ...sources,
      }),
    catchUp: async () => {
      const head = await stores.eventStore.headPosition();
      if (!(await projector.waitForPosition(head, 20_000))) {
        throw new Error('the projections did not catch up in time');
      }
    },
    sign: async () => {
      await ledger.catchUp();
      await signer.sign(TENANT);
      const latest = await latestCheckpoint(stores.readStore, TENANT);
      if (!latest) throw new Error('nothing was signed');
      return latest;
    },
    destroy: async () => {
      await projector.stop();
      await stores.destroy();
    },
  };
  return ledger;
}

/**
 * Policy versions 1 and 2, then the histories, one subject at a time, with a policy event of
 * another tenant and an event of no tenant (the `_system` log) between some of them, and
 * version 3 at the end; returns the subject ids.
 */
export async function appendHistory(
  store: EventStore,
  subjects: number,
  seed: number,
): Promise<string[]> {
  const histories = randomHistories(subjects, seed);
  await appendPolicy(store, TENANT, POLICIES[0]!, 'no_stream');
  await appendPolicy(store, TENANT, POLICIES[1]!, 0);
  for (const [i, history] of histories.entries()) {
    await store.append(
      subjectStream(TENANT, history.subjectId),
      history.events.map((event) => toAppend(event, TENANT)),
      'no_stream',
    );
    if (i === 1) {
      await appendPolicy(
        store,
        OTHER_TENANT,
        { ...POLICIES[0]!, tenantId: OTHER_TENANT },
        'no_stream',
      );
    }
    if (i % 4 === 2) {
      await store.append(
        `maintenance-${randomUUID()}`,
        [{ id: randomUUID(), type: 'maintenance-noted', data: { n: i } }],
        'no_stream',
      );
    }
  }
  await appendPolicy(store, TENANT, POLICIES[2]!, 1);
  return histories.map((history) => history.subjectId);
}

async function appendPolicy(
  store: EventStore,
  tenant: string,
  event: PolicyPublished,
  expected: 'no_stream' | number,
): Promise<void> {
  await store.append(policyStream(tenant), [toAppend(event, tenant)], expected);
}

function toAppend(event: SubjectEvent | PolicyPublished, tenant: string) {
  return {
    id: randomUUID(),
    type: event.type,
    data: event as unknown as JsonObject,
    metadata: { tenantId: tenant },
  };
}

/** Runs an export and keeps its lines (without newlines); rethrows its error. */
export async function exportLines(
  exporter: AuditExporter,
  request: ExportRequest,
  limits: ExportLimits = UNBOUNDED,
): Promise<{ lines: string[]; summary: ExportSummary }> {
  const lines: string[] = [];
  const summary = await exporter.export(request, limits, (line) => {
    lines.push(serializeBundleLine(line).slice(0, -1));
  });
  return { lines, summary };
}

export interface Verdict {
  readonly summary: VerificationSummary;
  readonly failures: readonly VerificationFailure[];
}

export async function verifyLines(lines: readonly string[], key: NoteVerifier): Promise<Verdict> {
  const failures: VerificationFailure[] = [];
  const summary = await verifyBundleLines(lines, key, {
    onFailure: (failure) => failures.push(failure),
  });
  return { summary, failures };
}
