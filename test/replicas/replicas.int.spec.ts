import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifyConsistency } from '../../src/audit/merkle/verify-consistency';
import {
  formatVerifierKey,
  type NoteVerifier,
  parseSignerKey,
  parseVerifierKey,
} from '../../src/audit/note/note-keys';
import { MAP_LOCATION } from '../e2e/consent/fixtures';
import { recordFigures } from '../support/fault-figures';
import { useBuiltService } from './built-service';
import { CheckpointWatch } from './checkpoint-watch';
import { DeliveryRecorder } from './delivery-recorder';
import { ErasureLoad } from './erasure-load';
import { ReplicaLoad } from './replica-load';
import { ReplicaSet } from './replica-set';
import { isRetryableUnavailable, RoundRobinClient } from './round-robin-client';

/**
 * Issue #13, "several replicas": three service processes on one PostgreSQL, started at the
 * same moment on an empty database, behind a round-robin client under concurrent command
 * load; one replica at a time is killed with SIGKILL and restarted, REPLICAS_KILLS times
 * (first the checkpoint signer, then at random).
 * Keys made on one replica work on the others at once; a consistencyToken from one replica
 * is honoured by another; at most one replica signs checkpoints and no two checkpoints
 * disagree; a webhook delivery is never sent by two replicas at once. Network traffic stays
 * on 127.0.0.1. Bounds below (60 s) only turn hangs into failures; nothing here is timed.
 */
const KILLS = Number(process.env.REPLICAS_KILLS ?? 2);
const REPLICAS = 3;
const CLIENTS = 4;
const ORIGIN = 'consent-ledger.local/default';
const ERASURE_SUBJECT_EVENTS = [
  'subject-registered',
  'consent-granted',
  'sync-recorded',
  'erasure-requested',
] as const;
const verbose = process.env.FAULTS_VERBOSE === '1';

describe('three replicas on one PostgreSQL', () => {
  const set = new ReplicaSet({
    CHECKPOINT_EVERY_MS: '1000',
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_POLL_INTERVAL_MS: '100',
    WEBHOOK_RETRY_BASE_MS: '100',
    WEBHOOK_RETRY_MAX_MS: '500',
    WEBHOOK_RESPONSE_TIMEOUT_MS: '5000',
  });
  const receiver = new DeliveryRecorder(150);
  let admin: RoundRobinClient;
  let appKey: string;
  let auditorKey: string;
  let verifier: NoteVerifier;
  let removeBuild: () => void = () => undefined;

  beforeAll(async () => {
    removeBuild = await useBuiltService();
    await receiver.start();
    // All three at once, on an empty database: they race to create schemas and tables.
    const startedAt = Date.now();
    await set.start(REPLICAS);
    figures.startTogetherMs = Date.now() - startedAt;
    admin = new RoundRobinClient(set.replicas, set.initialAdminKey);
    appKey = (await createKey(admin, ['app', 'privacy-officer'], 0)).apiKey;
    auditorKey = (await createKey(admin, ['auditor'], 0)).apiKey;
    const signerKey = parseSignerKey(
      readFileSync(join(set.keysDir, 'checkpoint-signing.key'), 'utf8').trim(),
    );
    verifier = parseVerifierKey(formatVerifierKey(ORIGIN, signerKey.publicKey));
  }, 120_000);

  afterAll(async () => {
    try {
      await set.destroy();
      await receiver.close();
    } finally {
      removeBuild();
    }
  }, 60_000);

  it('start together on an empty database, and none crashed', () => {
    expect(set.replicas.map((replica) => replica.running)).toEqual([true, true, true]);
    expect(set.replicas.flatMap((replica) => replica.unexpectedExits)).toEqual([]);
  });

  it('accept a key made on one replica on the others at once, and stop a revoked one within the key cache time', async () => {
    const visibleAfterMs: number[] = [];
    for (let made = 0; made < REPLICAS; made++) {
      const { apiKey: key } = await createKey(admin, ['app'], made);
      const createdAt = Date.now();
      for (let other = 1; other < REPLICAS; other++) {
        const used = (made + other) % REPLICAS;
        const answer = await admin.request('GET', '/v1/policies/current', {
          apiKey: key,
          replica: used,
        });
        expect({ status: answer.status, replica: answer.replica }).toEqual({
          status: 200,
          replica: used,
        });
      }
      visibleAfterMs.push(Date.now() - createdAt);
    }

    const { apiKey: key, keyId } = await createKey(admin, ['app'], 0);
    for (const replica of [1, 2]) {
      const answer = await admin.request('GET', '/v1/policies/current', {
        apiKey: key,
        replica,
      });
      expect(answer.status).toBe(200);
    }
    const revoked = await admin.request('DELETE', `/v1/api-keys/${keyId}`, {
      idempotencyKey: randomUUID(),
      replica: 0,
    });
    expect(revoked.status).toBe(200);
    const revokedAt = Date.now();
    const onA = await admin.request('GET', '/v1/policies/current', {
      apiKey: key,
      replica: 0,
    });
    expect(onA.status).toBe(401);
    const stoppedAfterMs: number[] = [];
    for (const replica of [1, 2]) {
      for (;;) {
        const answer = await admin.request('GET', '/v1/policies/current', {
          apiKey: key,
          replica,
        });
        if (answer.status === 401) break;
        expect(answer.status).toBe(200);
        if (Date.now() - revokedAt > 60_000)
          throw new Error('a revoked key still works after 60 s');
        await sleep(50);
      }
      stoppedAfterMs.push(Date.now() - revokedAt);
    }
    figures.keyVisibleOnOtherReplicasMaxMs = Math.max(...visibleAfterMs);
    figures.revokedKeyStopsOnOtherReplicasMaxMs = Math.max(...stoppedAfterMs);
  });

  it(
    `lose nothing, duplicate nothing and answer only 2xx or 503 while one replica at a time is killed and restarted (${KILLS} kills)`,
    async () => {
      await configureWebhook(admin, receiver.url);
      const client = new RoundRobinClient(set.replicas, appKey);
      const watch = new CheckpointWatch(set.replicas, auditorKey, verifier);
      const load = new ReplicaLoad(client, CLIENTS);
      const erasures = new ErasureLoad(client);
      const killed: number[] = [];
      const restartMs: number[] = [];
      const loadStartedAt = Date.now();
      try {
        await load.waitForAcknowledgements(20);
        for (let kill = 0; kill < KILLS; kill++) {
          // The first kill takes the checkpoint signer, so that its lease has to move.
          const holder = kill === 0 ? await watch.holder() : undefined;
          const victim = holder ?? Math.floor(Math.random() * REPLICAS);
          if (holder !== undefined) figures.signerKilled = holder;
          killed.push(victim);
          watch.membershipChanged();
          await set.replicas[victim]!.kill();
          await load.waitForAcknowledgements(15);
          const restartedAt = Date.now();
          await set.replicas[victim]!.restart();
          restartMs.push(Date.now() - restartedAt);
          watch.membershipChanged();
          await load.waitForAcknowledgements(15);
        }
      } finally {
        await erasures.stop();
        await load.stop();
        await watch.stop();
      }
      figures.loadPhaseMs = Date.now() - loadStartedAt;
      expect(load.failures).toEqual([]);
      expect(erasures.failures).toEqual([]);

      // Only successes and retryable 503 problems, never a 401, a 500 or another failure.
      const wrong = client.answers.filter(
        (a) => !(a.status >= 200 && a.status < 300) && !isRetryableUnavailable(a),
      );
      expect(wrong).toEqual([]);

      // Every acknowledged command is in the log exactly once, and nothing else is.
      const log = await set.readWholeLog();
      expect(new Set(log.map((event) => event.id)).size).toBe(log.length);
      const bySubject = new Map<string, string[]>();
      for (const event of log) {
        const subjectId = /^subject-default-(.+)$/.exec(event.streamName)?.[1];
        if (subjectId === undefined) continue;
        bySubject.set(subjectId, [...(bySubject.get(subjectId) ?? []), event.type]);
      }
      for (const subject of load.completed) {
        expect(bySubject.get(subject.subjectId)).toEqual(subject.eventTypes);
      }
      const loadSubjects = new Set(load.completed.map((subject) => subject.subjectId));
      const erasureSubjects = new Set(erasures.subjects);
      for (const subjectId of bySubject.keys()) {
        expect(loadSubjects.has(subjectId) || erasureSubjects.has(subjectId)).toBe(true);
      }
      // The erasure workflow may add its own steps after the four commands, never one of them.
      const erasureCommands = ERASURE_SUBJECT_EVENTS as readonly string[];
      for (const subjectId of erasureSubjects) {
        const types = bySubject.get(subjectId) ?? [];
        expect(types.filter((type) => erasureCommands.includes(type))).toEqual(erasureCommands);
      }

      // A consistencyToken from one replica is honoured by another.
      const acrossReplicas = load.tokenReads.filter((read) => read.readOn !== read.writtenOn);
      expect(acrossReplicas.length).toBeGreaterThan(0);
      expect(load.tokenReads.filter((read) => !read.sawTheWrite)).toEqual([]);

      // Every erasure reached the processor; no delivery was sent by two replicas at once.
      await waitFor('every erasure delivered', () =>
        erasures.erasureIds.every((id) => receiver.erasuresSeen().has(id)),
      );
      await sleep(300);
      expect(receiver.overlapping()).toEqual([]);

      // Checkpoints: one more of the whole log, then every one seen must agree with it.
      await waitFor('all replicas ready', async () => {
        const ready = await Promise.all(
          set.replicas.map(async (r) => (await fetch(`${r.url}/ready`)).status),
        );
        return ready.every((status) => status === 200);
      });
      await waitFor('a checkpoint of the whole log', async () => {
        await watch.round();
        const latest = watch.seen.at(-1)?.checkpoint.size;
        return latest !== undefined && Number(latest) >= log.length;
      });
      expect(watch.wrong).toEqual([]);
      const rootBySize = new Map<bigint, string>();
      for (const { checkpoint } of watch.seen) {
        const root = checkpoint.rootHash.toString('base64');
        expect(rootBySize.get(checkpoint.size) ?? root).toBe(root);
        rootBySize.set(checkpoint.size, root);
      }
      const latest = [...rootBySize.keys()].reduce((a, b) => (a > b ? a : b));
      for (const [size, root] of rootBySize) {
        const served = await admin.request('GET', `/v1/audit/checkpoints/${size}`, {
          apiKey: auditorKey,
        });
        expect(served.status).toBe(200);
        if (size === latest) continue;
        const proof = await admin.request(
          'GET',
          `/v1/audit/proofs/consistency?from=${size}&to=${latest}`,
          { apiKey: auditorKey },
        );
        expect(proof.status).toBe(200);
        expect(() =>
          verifyConsistency(
            size,
            latest,
            proof.json<{ proof: string[] }>().proof.map((hash) => Buffer.from(hash, 'base64')),
            Buffer.from(root, 'base64'),
            Buffer.from(rootBySize.get(latest)!, 'base64'),
          ),
        ).not.toThrow();
      }
      // One signer at a time: never two holders in a round, exactly one at the end.
      expect(watch.holdersPerRound.length).toBeGreaterThan(0);
      expect(Math.max(...watch.holdersPerRound)).toBeLessThanOrEqual(1);
      expect(watch.holdersPerRound.at(-1)).toBe(1);

      expect(set.replicas.flatMap((replica) => replica.unexpectedExits)).toEqual([]);

      const failedOver = load.acknowledged.filter((a) => a.metAKilledReplica);
      Object.assign(figures, {
        replicas: REPLICAS,
        clients: CLIENTS,
        kills: KILLS,
        killed,
        restartMs,
        acknowledgedCommands: load.acknowledged.length + erasures.acknowledged,
        completedSubjects: load.completed.length,
        answers: client.answers.length,
        answered503: client.answers.filter((a) => a.status === 503).length,
        socketFailuresFailedOver: client.socketFailures,
        commandsThatMetAKilledReplica: failedOver.length,
        maxWaitOfACommandThatMetAKilledReplicaMs: Math.max(0, ...failedOver.map((a) => a.waitedMs)),
        tokenReadsAcrossReplicas: acrossReplicas.length,
        checkpointsSeen: watch.seen.length,
        distinctCheckpointSizes: rootBySize.size,
        leaseRounds: watch.holdersPerRound.length,
        erasuresDelivered: erasures.erasureIds.length,
        deliveryAttempts: receiver.attempts.length,
      });
      recordFigures('replicas', figures);
      if (verbose) console.log(JSON.stringify(figures));
    },
    180_000 + KILLS * 30_000,
  );
});

const figures: Record<string, unknown> = {};

async function createKey(
  admin: RoundRobinClient,
  roles: readonly string[],
  replica: number,
): Promise<{ apiKey: string; keyId: string }> {
  const response = await admin.request('POST', '/v1/api-keys', {
    body: { name: `replicas-${roles.join('-')}`, roles },
    idempotencyKey: randomUUID(),
    replica,
  });
  if (response.status !== 201) {
    throw new Error(`creating a key answered ${response.status}: ${response.body}`);
  }
  return response.json<{ apiKey: string; keyId: string }>();
}

async function configureWebhook(admin: RoundRobinClient, url: string): Promise<void> {
  const response = await admin.request('PUT', `/v1/processors/${MAP_LOCATION.recipient}/webhook`, {
    body: { url },
    idempotencyKey: randomUUID(),
  });
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
}

/** Polls until `condition` holds; a bound of 60 s only turns a hang into a failure. */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 60 s`);
    await sleep(100);
  }
}
