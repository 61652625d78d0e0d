import {
  aimOn,
  numberOf,
  sumOf,
  testAim,
  type FaultScenario,
  type Figures,
} from './fault-scenario';
import { overloadFiguresOf } from './overload-figures';

/**
 * The scenarios of `npm run faults`, in the order they run. Adding one is adding an entry:
 * its Jest suites (or built script), the full run's settings and its aims.
 */
export const SCENARIOS: readonly FaultScenario[] = [
  {
    name: 'service-kills',
    title: 'SIGKILL of the service under concurrent HTTP load',
    description:
      'The service runs in its own process (the build) on SQLite, and on PostgreSQL (schemas on the local server), under six HTTP clients that register subjects and grant consents, retrying 503s and unanswered requests with the same Idempotency-Key. It is killed with SIGKILL FAULTS_KILLS times per store at random moments and restarted. Then the acknowledgement journal (every 2xx with its key, body and answer) is compared with the whole event log read back from the store; every acknowledged command is retried with its key; every checkpoint seen during the run (a new one is awaited before every fifth kill) is checked against the final one (same root at its size, consistency proof verified); a whole-log export is checked with `consent-ledger verify`; and the read side (checks for every subject, the consent summary) is compared with a service rebuilt from the same log.',
    settings: { FAULTS_KILLS: '100' },
    optionalSettings: ['PG_TEST_URL'],
    run: {
      jest: [
        'test/faults/service-kills-sqlite.int.spec.ts',
        'test/faults/service-kills-postgres.int.spec.ts',
      ],
    },
    aims: (figures, passed) => [
      aimOn('≥ 200 kills in all', sumOf(figures, 'kills'), (kills) => kills >= 200),
      testAim(
        '0 acknowledged commands lost, duplicated or reordered; commands in flight at a kill, retried with their key, recorded once',
        passed,
      ),
      testAim('only 2xx or 503 problem+json with Retry-After, never a 500; no crash', passed),
      testAim(
        'projections, published checkpoints and a verified whole-log export agree with the log',
        passed,
      ),
    ],
  },
  {
    name: 'pg-restarts',
    title: 'PostgreSQL restarted (-m immediate) under load, then stopped',
    description:
      'The service on a private PostgreSQL cluster (event, read and key stores) under six command clients; the cluster is crashed and restarted FAULTS_PG_RESTARTS times, then stopped for FAULTS_PG_STOPPED_MS and started again. Checks: no crash, only 2xx or 503 + Retry-After, nothing acknowledged lost or duplicated, projections back at the head, /ready 503 while the database is away.',
    settings: { FAULTS_PG_RESTARTS: '50', FAULTS_PG_STOPPED_MS: '30000' },
    optionalSettings: ['FAULTS_VERBOSE'],
    run: { jest: ['test/faults-pg/postgres-restart-under-load.int.spec.ts'] },
    aims: (figures, passed) => {
      const f = figures.at(-1);
      return [
        aimOn('≥ 50 restarts', numberOf(f, 'restarts'), (n) => n >= 50),
        aimOn('stopped for 30 s', numberOf(f, 'stoppedMs'), (ms) => ms >= 30_000, ' ms'),
        aimOn(
          'no answer waits past 10 s while the database is away',
          numberOf(f, 'maxAnswerMsDuringOutage'),
          (ms) => ms < 10_000,
          ' ms (slowest)',
        ),
        aimOn(
          'commands answered again within 10 s of the database returning',
          numberOf(f, 'firstAcknowledgementAfterStartMs'),
          (ms) => ms < 10_000,
          ' ms',
        ),
        testAim('nothing acknowledged lost or duplicated; no crash; no 500', passed),
      ];
    },
  },
  {
    name: 'replicas',
    title: 'Three replicas on one PostgreSQL, one killed at a time under load',
    description:
      "Three service processes (the build) start together on empty schemas of the local PostgreSQL, sharing KEYS_DIR, behind a round-robin client with four command clients and one erasure client; a request that fails at the socket goes to the next replica with the same Idempotency-Key. One replica at a time is killed with SIGKILL and restarted, REPLICAS_KILLS times (first the checkpoint signer, then at random). Checks: only 2xx or retryable 503; every acknowledged command in the log exactly once; a key made on each replica works on the other two at once, and a revoked one stops within API_KEY_CACHE_MS; reads with another replica's consistencyToken see the write; every checkpoint seen on any replica verifies, one root per size, each consistent with the latest; never two checkpoint-signer lease holders; no webhook delivery sent by two replicas at once.",
    settings: { REPLICAS_KILLS: '30' },
    optionalSettings: ['PG_TEST_URL', 'FAULTS_VERBOSE'],
    run: { jest: ['test/replicas/replicas.int.spec.ts'] },
    aims: (figures, passed) => {
      const f = figures.at(-1);
      return [
        aimOn('replicas killed and restarted under load', numberOf(f, 'kills'), (n) => n >= 30),
        testAim(
          'every acknowledged command recorded exactly once; only 2xx or retryable 503',
          passed,
        ),
        aimOn(
          'a key made on one replica works on the others at once (slowest, ms)',
          numberOf(f, 'keyVisibleOnOtherReplicasMaxMs'),
          (ms) => ms < 1000,
          ' ms',
        ),
        testAim(
          'a consistencyToken from one replica is honoured by another; exactly one checkpoint signer and one sender per delivery; no two inconsistent checkpoints',
          passed,
        ),
      ];
    },
  },
  {
    name: 'fuzz',
    title: 'Fuzzing the HTTP surface',
    description:
      'Seeded property-based fuzzing of every operation of the OpenAPI document, as every role, another tenant and bad credentials, with hostile bodies, headers, paths and query strings (nine in ten through inject(), the rest as raw bytes on a loopback socket). answers5xx counts the 503s the rules justify (a consistency token from the future, which the target waits 0 ms for; /ready); any other 5xx fails the suite.',
    settings: { FUZZ_RUNS: '100000' },
    optionalSettings: ['FUZZ_SEED'],
    run: { jest: ['test/fuzz/http-fuzz.e2e.spec.ts'] },
    aims: (figures, passed) => {
      const f = figures.at(-1);
      return [
        aimOn('100 000 requests', numberOf(f, 'requests'), (n) => n >= 100_000),
        testAim('no 5xx beyond the justified 503s', passed),
        aimOn(
          'every 4xx/5xx is problem+json',
          numberOf(f, 'answersNotProblemJson'),
          (n) => n === 0,
        ),
      ];
    },
  },
  {
    name: 'overload',
    title: 'Overload: 3× the knee for 60 s',
    description:
      'The overload benchmark (bench/overload, ADR 0024) on SQLite: finds the knee of the command mix, offers three times that for BENCH_OVERLOAD_SECONDS open loop, then the knee rate again for 10 s, probing /health and /ready throughout (on PROBE_PORT and on the main port) and sampling RSS. "Full rate" is the time after the overload until every later half second had ≥ 95% 2xx; "never" means not within the 10 s of recovery.',
    settings: { BENCH_OVERLOAD_SECONDS: '60', BENCH_OVERLOAD_UNPROTECTED: 'false' },
    optionalSettings: ['BENCH_OVERLOAD_KNEE', 'BENCH_OVERLOAD_START_RATE'],
    run: { script: 'dist/bench/overload/overload.bench.js', figuresOf: overloadFiguresOf },
    aims: (figures) => {
      const f = figures.at(-1);
      const firstQuarter = numberOf(f, 'rssFirstQuarterMiB');
      const lastQuarter = numberOf(f, 'rssLastQuarterMiB');
      return [
        aimOn('overload lasts 60 s', numberOf(f, 'overloadSeconds'), (s) => s >= 60, ' s'),
        aimOn(
          'the excess is turned away fast: 503/429 p99 < 1 s (the budget of ADR 0024)',
          numberOf(f, 'shedP99Ms'),
          (ms) => ms < 1000,
          ' ms',
        ),
        aimOn(
          '/health p99 < 100 ms on the probe port',
          numberOf(f, 'healthP99Ms'),
          (ms) => ms < 100,
          ' ms',
        ),
        aimOn(
          '/health p99 < 100 ms on the main port',
          numberOf(f, 'mainPortHealthP99Ms'),
          (ms) => ms < 100,
          ' ms',
        ),
        aimOn(
          'memory bounded: RSS in the last quarter ≤ 1.25 × the first quarter',
          firstQuarter === undefined || lastQuarter === undefined
            ? undefined
            : +(lastQuarter / firstQuarter).toFixed(2),
          (ratio) => ratio <= 1.25,
          '×',
        ),
        f?.secondsToFullRate === null
          ? {
              aim: 'full rate back within 5 s',
              met: false,
              measured: 'never (in the recovery phase)',
            }
          : aimOn(
              'full rate back within 5 s',
              numberOf(f, 'secondsToFullRate'),
              (s) => s <= 5,
              ' s',
            ),
      ];
    },
  },
];

export function scenarioNamed(name: string): FaultScenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

export type { Figures };
