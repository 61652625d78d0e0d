import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { ProjectorHost } from '../../src/projections/projector-host';
import {
  DEVICE_INFO,
  MAP_LOCATION,
  daysFromNow,
  ReadSideApp,
  type Json,
} from '../read-side/read-side-app';
import { PG_URL } from './fixtures/stores';

/**
 * A burst of commands on PostgreSQL (every store in its own fresh schema) with every
 * projection live: `/ready` judges freshness by the age of the oldest unapplied event, so it
 * answers 200 whenever that is within READY_MAX_LAG_SECONDS, however many events a
 * projection lags; 503 only past it, naming the projection; and every projection reaches the
 * head. To make the lag certain rather than a matter of timing, the test holds `audit_log`
 * back with the advisory lock its batches take (ADR 0006) while the burst runs. No timing is
 * asserted: each `/ready` answer is checked against the lag its own body shows.
 */
const MAX_LAG_SECONDS = 3;
const tag = randomBytes(5).toString('hex');
const SCHEMAS = ['events', 'read', 'keys'].map((store) => `keepup_${store}_${tag}`);
const [EVENTS, READ, KEYS] = SCHEMAS as [string, string, string];

interface Freshness {
  readonly name: string;
  readonly lagEvents: number;
  readonly lagSeconds: number;
}

interface Probe {
  readonly status: number;
  readonly freshness: readonly Freshness[];
  readonly storesUp: boolean;
  readonly lagging: readonly string[];
}

const api = new ReadSideApp({
  EVENT_STORE_URL: `${PG_URL}?schema=${EVENTS}`,
  READ_STORE_URL: `${PG_URL}?schema=${READ}`,
  KEY_STORE_URL: `${PG_URL}?schema=${KEYS}`,
  READY_MAX_LAG_SECONDS: String(MAX_LAG_SECONDS),
});
let blocker: Client;

beforeAll(async () => {
  await api.start();
  blocker = new Client({ connectionString: PG_URL });
  await blocker.connect();
});

afterAll(async () => {
  await blocker?.end();
  await api.dispose();
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const schema of SCHEMAS) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

/** The key `lockCheckpoint` takes for a projection's batch in the read store's schema. */
function holdBatches(projection: string, hold: boolean): Promise<unknown> {
  const fn = hold ? 'pg_advisory_lock' : 'pg_advisory_unlock';
  return blocker.query(`SELECT ${fn}(hashtextextended($1, 0))`, [
    `${READ}:checkpoint:${projection}`,
  ]);
}

async function probe(): Promise<Probe> {
  const response = await api.app.inject({ method: 'GET', url: '/ready' });
  const body = response.json<Json>();
  const checks = (response.statusCode === 200 ? body.details : body.checks) as Record<
    string,
    { status: string; freshness?: Freshness[]; lagging?: { name: string }[] }
  >;
  return {
    status: response.statusCode,
    freshness: checks.projections?.freshness ?? [],
    storesUp: checks.eventStore?.status === 'up' && checks.readStore?.status === 'up',
    lagging: (checks.projections?.lagging ?? []).map(({ name }) => name),
  };
}

/** What every answer must be, given the lag its own body shows. */
function expectConsistent(answer: Probe): void {
  const stale = answer.freshness.filter((p) => p.lagSeconds > MAX_LAG_SECONDS);
  if (answer.storesUp && stale.length === 0) {
    expect(answer).toMatchObject({ status: 200 });
  } else if (answer.storesUp) {
    expect(answer).toMatchObject({ status: 503, lagging: stale.map(({ name }) => name) });
  }
}

async function burst(subjects: readonly string[], commands: number): Promise<string> {
  let next = 0;
  let last = '0';
  const worker = async () => {
    while (next < commands) {
      const n = next++;
      const subject = `/v1/subjects/${subjects[n % subjects.length]!}`;
      const combination = n % 2 === 0 ? MAP_LOCATION : DEVICE_INFO;
      const step = Math.floor(n / subjects.length) % 3;
      const token =
        step === 0
          ? await api.command('POST', `${subject}/grants`, combination)
          : step === 1
            ? await api.command('POST', `${subject}/syncs`, {
                ...combination,
                syncId: randomUUID(),
                precision: combination === MAP_LOCATION ? 'approximate' : 'precise',
                userInitiated: false,
              })
            : await api.command('POST', `${subject}/revocations`, combination);
      if (BigInt(token) > BigInt(last)) last = token;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return last;
}

it('stays ready through a burst while the lag is young, fails past READY_MAX_LAG_SECONDS, and catches up', async () => {
  await api.publishPolicy(1, daysFromNow(-30));
  const subjects: string[] = [];
  for (let i = 0; i < 24; i++)
    subjects.push((await api.registerSubject(daysFromNow(-20))).subjectId);
  const host = api.app.get(ProjectorHost);

  // The burst, with audit_log held back: it lags by every event the burst appends.
  await holdBatches('audit_log', true);
  const answers: Probe[] = [];
  let bursting = true;
  const probing = (async () => {
    while (bursting) {
      answers.push(await probe());
      await sleep(25);
    }
  })();
  const head = await burst(subjects, 240).finally(() => (bursting = false));
  await probing;
  answers.push(await probe());
  for (const answer of answers) expectConsistent(answer);
  const lagged = answers.flatMap((a) => a.freshness.filter((p) => p.name === 'audit_log'));
  expect(Math.max(...lagged.map((p) => p.lagEvents))).toBeGreaterThan(0);
  const others = host
    .states()
    .map(({ name }) => name)
    .filter((name) => name !== 'audit_log');
  expect(await host.waitForPosition(BigInt(head), 60_000, others)).toBe(true);

  // Still held: once its oldest unapplied event is older than the limit, not ready, and why.
  let stale = await probe();
  while (stale.status === 200) {
    expectConsistent(stale);
    await sleep(100);
    stale = await probe();
  }
  expect(stale).toMatchObject({ status: 503, lagging: ['audit_log'] });
  expectConsistent(stale);

  // Released: every projection reaches the head and the service is ready again.
  await holdBatches('audit_log', false);
  expect(await host.waitForPosition(BigInt(head), 60_000)).toBe(true);
  let ready = await probe();
  while (ready.status !== 200) {
    await sleep(100);
    ready = await probe();
  }
  expectConsistent(ready);
  expect(ready.freshness.length).toBe(host.states().length);
}, 180_000);
