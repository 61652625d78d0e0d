import { setTimeout as sleep } from 'node:timers/promises';
import {
  PROJECTION_STATUS,
  type ProjectionStatusSource,
} from '../../src/projections/projection-status';
import { ConsentApi } from '../e2e/consent/harness';
import {
  privatePostgresUnavailable,
  startPrivatePostgres,
  type PrivatePostgres,
} from '../support/private-postgres';
import {
  answerOf,
  CommandLoad,
  isRetryableUnavailable,
  type Answer,
} from '../support/command-load';
import { recordFigures } from '../support/fault-figures';
import { readWholeLog } from '../support/whole-log';

/**
 * Issue #13, defect 1: the service on PostgreSQL (event store, read store and key store on
 * one private server) under concurrent command load while that server is crashed and
 * restarted five times and then stopped for a few seconds. Jest fails the test on any
 * uncaught exception or unhandled rejection, which is how a missing 'error' listener on a pg
 * client shows. Bounds below ("within 60 s") only catch hangs; they are not speed targets.
 */
const unavailable = privatePostgresUnavailable();
const suite = unavailable ? describe.skip : describe;
// Longer runs for measuring: FAULTS_PG_RESTARTS=50 FAULTS_PG_STOPPED_MS=30000 FAULTS_VERBOSE=1.
const RESTARTS = Number(process.env.FAULTS_PG_RESTARTS ?? 5);
const STOPPED_MS = Number(process.env.FAULTS_PG_STOPPED_MS ?? 3000);
const verbose = process.env.FAULTS_VERBOSE === '1';
/** One status measurement interval (1 s) plus a measurement whose probes fail fast. */
const READY_MEASUREMENT_SETTLES_MS = 2000;
/**
 * Issue #13's bounds: no answer waits longer than this while the database is away, and
 * commands succeed again within this long of its return. They catch hangs (a request held
 * until a pool or socket timeout), not slowness.
 */
const HANG_BOUND_MS = 10_000;

suite(
  `the service while PostgreSQL restarts under load${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let server: PrivatePostgres;
    let api: ConsentApi;

    beforeAll(async () => {
      server = await startPrivatePostgres();
      api = new ConsentApi({
        EVENT_STORE_URL: `${server.url}?schema=ledger`,
        READ_STORE_URL: `${server.url}?schema=ledger_read`,
        KEY_STORE_URL: `${server.url}?schema=ledger_keys`,
        // The checkpoint signer runs every second, so its lease and transactions meet the faults.
        CHECKPOINT_EVERY_MS: '1000',
      });
      await api.start();
    }, 60_000);

    afterAll(async () => {
      await api?.dispose();
      server?.destroy();
    }, 60_000);

    it(
      'never crashes, answers only 503 + Retry-After while the database is away, loses and duplicates nothing, and recovers by itself',
      async () => {
        const load = new CommandLoad(api, 6);
        const readyWhileStopped: Answer[] = [];

        await load.waitForAcknowledgements(10);
        for (let i = 0; i < RESTARTS; i++) {
          server.restart('immediate');
          await load.waitForAcknowledgements(6);
        }

        server.stop('fast');
        const stoppedAt = Date.now();
        // Requests whose database work was done before the stop may still be answered 2xx;
        // from a moment later on, nothing can succeed until the server is back.
        await sleep(250);
        const answersBeforeOutage = load.answers.length;
        const stoppedUntil = Date.now() + STOPPED_MS;
        while (Date.now() < stoppedUntil) {
          // /ready answers from a measurement taken every second in the background (ADR
          // 0023), so it may still show the last one for that long; after that, only 503.
          const asked = performance.now();
          const answer = answerOf(await api.get('/ready'), performance.now() - asked);
          if (Date.now() - stoppedAt > READY_MEASUREMENT_SETTLES_MS) readyWhileStopped.push(answer);
          await sleep(200);
        }
        const answersWhileStopped = load.answers.slice(answersBeforeOutage);
        server.start();
        const startedAt = Date.now();

        await load.waitForAcknowledgements(1);
        const firstAcknowledgementMs = Date.now() - startedAt;
        // Every answer to a request sent while the database was away, a late one included.
        const answersToOutage = [...load.answers.slice(answersBeforeOutage), ...readyWhileStopped];
        await load.waitForAcknowledgements(10);
        await load.stop();

        // Only successes and retryable 503 problems, never a 500 or another failure.
        const wrong = load.answers.filter(
          (a) => !(a.status >= 200 && a.status < 300) && !isRetryableUnavailable(a),
        );
        expect(wrong).toEqual([]);
        expect(answersWhileStopped.length).toBeGreaterThan(0);
        expect(answersWhileStopped.filter((a) => a.status < 300)).toEqual([]);
        expect(readyWhileStopped.length).toBeGreaterThan(0);
        expect(readyWhileStopped.filter((a) => !isRetryableUnavailable(a))).toEqual([]);

        // Ready again once the projections have caught up with everything acknowledged.
        const readyAt = await waitFor(async () => (await api.get('/ready')).statusCode === 200);
        const readyMs = readyAt - startedAt;
        await waitFor(async () => {
          const statuses = await api.app.get<ProjectionStatusSource>(PROJECTION_STATUS).statuses();
          return statuses.every((s) => !s.halted && s.lagEvents === 0);
        });

        // Every acknowledged command is in the log exactly once, and nothing else is.
        const feed = await readWholeLog(api.store);
        expect(new Set(feed.map((e) => e.id)).size).toBe(feed.length);
        const bySubject = new Map<string, string[]>();
        for (const event of feed) {
          const subjectId = /^subject-default-(.+)$/.exec(event.streamName)?.[1];
          if (subjectId === undefined) continue;
          bySubject.set(subjectId, [...(bySubject.get(subjectId) ?? []), event.type]);
        }
        expect(bySubject.size).toBe(load.completed.length);
        for (const subject of load.completed) {
          expect(bySubject.get(subject.subjectId)).toEqual(subject.eventTypes);
        }

        // A retry of an acknowledged command with its key is answered from the record.
        for (const done of load.acknowledged.slice(0, 5)) {
          const again = await api.post(done.url, done.body, { key: done.key });
          expect(again.statusCode).toBe(done.status);
          // The recorded answer, marked as a replay (docs/adr/0021).
          expect(again.json()).toEqual({ ...JSON.parse(done.responseBody), replayed: true });
          expect(again.headers['idempotent-replayed']).toBe('true');
        }
        expect((await readWholeLog(api.store)).length).toBe(feed.length);

        // The audit log and consent state reached the head of the feed.
        const statuses = await api.app.get<ProjectionStatusSource>(PROJECTION_STATUS).statuses();
        const head = feed[feed.length - 1]!.globalPosition.toString();
        for (const name of ['consent_state', 'audit_log']) {
          expect(statuses.find((s) => s.name === name)).toMatchObject({ position: head });
        }

        const metrics = (await api.get('/metrics')).body;
        expect(lossesOf(metrics, 'read_store')).toBeGreaterThan(0);
        expect(lossesOf(metrics, 'event_store')).toBeGreaterThan(0);
        expect(metrics).toContain('postgres_connection_up{component="event_store"} 1');

        const figures = {
          restarts: RESTARTS,
          stoppedMs: STOPPED_MS,
          acknowledged: load.acknowledged.length,
          answers: load.answers.length,
          answered503: load.answers.filter((a) => a.status === 503).length,
          answersWhileStopped: answersWhileStopped.length,
          maxAnswerMsDuringOutage: Math.round(maxLatency(answersToOutage)),
          maxAnswerMs: Math.round(maxLatency(load.answers)),
          firstAcknowledgementAfterStartMs: firstAcknowledgementMs,
          readyAfterStartMs: readyMs,
        };
        recordFigures('pg-restarts', figures);
        if (verbose) console.log(JSON.stringify(figures));
        expect(figures.maxAnswerMsDuringOutage).toBeLessThan(HANG_BOUND_MS);
        expect(firstAcknowledgementMs).toBeLessThan(HANG_BOUND_MS);
      },
      180_000 + RESTARTS * 5_000 + STOPPED_MS,
    );
  },
);

/** Polls until `condition` holds; a bound of 60 s only turns a hang into a failure. */
async function waitFor(condition: () => Promise<boolean>): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 60 s');
    await sleep(100);
  }
  return Date.now();
}

function maxLatency(answers: readonly Answer[]): number {
  return answers.reduce((max, a) => Math.max(max, a.latencyMs), 0);
}

function lossesOf(metrics: string, component: string): number {
  const line = new RegExp(
    `^postgres_connection_losses_total\\{component="${component}"\\} (\\d+)`,
    'm',
  );
  return Number(line.exec(metrics)?.[1] ?? 0);
}
