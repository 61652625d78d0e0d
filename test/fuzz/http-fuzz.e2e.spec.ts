import fc from 'fast-check';
import type { AccessTestApp } from '../auth/support/access-app';
import { recordFigures } from '../support/fault-figures';
import { listenOnLoopback, sendRaw } from '../support/raw-http';
import { faultOf, StatusTally } from './support/answer-rules';
import { type FuzzRequest, fuzzRequest } from './support/fuzz-requests';
import { fuzzSettings } from './support/fuzz-settings';
import { type FuzzFixtures, type Operation, startFuzzTarget } from './support/fuzz-target';
import { rawFuzzRequest } from './support/raw-requests';

/**
 * Bounded, seeded fuzzing of the whole HTTP surface (issue #13): every operation of the
 * OpenAPI document, as every role, another tenant, bad and no credentials, with hostile
 * bodies, content types, headers, path parameters and query strings. No answer may be a
 * 5xx (beyond the 503s `JUSTIFIED_503_TYPES` lists) and every 4xx is problem+json.
 *
 * `FUZZ_RUNS` (default 2,000) sets the number of requests: nine in ten through `inject()`,
 * the rest as raw bytes on a loopback socket. `FUZZ_SEED` replays a run; a failing run
 * prints the seed and the shrunk request that failed.
 */
const settings = fuzzSettings();
const rawRuns = Math.max(1, Math.round(settings.runs / 10));
const injectRuns = Math.max(1, settings.runs - rawRuns);
// Generous: a loaded 2-core machine serves the default run in well under a minute.
const timeoutMs = 120_000 + settings.runs * 40;

let api: AccessTestApp;
let operations: Operation[];
let fixtures: FuzzFixtures;
let port: number;

beforeAll(async () => {
  ({ api, operations, fixtures } = await startFuzzTarget());
  port = await listenOnLoopback(api.app);
}, 120_000);
afterAll(() => api?.dispose());

/** Runs `property`, and on failure names the seed that replays it. */
async function check<T>(
  property: fc.IAsyncProperty<T>,
  numRuns: number,
  label: string,
): Promise<void> {
  const started = performance.now();
  const details = await fc.check(property, { numRuns, seed: settings.seed, endOnFailure: false });
  const seconds = (performance.now() - started) / 1000;
  if (details.failed) {
    const error = details.errorInstance;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${label}: ${reason}\nreplay with FUZZ_SEED=${settings.seed} FUZZ_RUNS=${settings.runs}\n${fc.defaultReportMessage(details) ?? ''}`,
    );
  }
  propertiesHeld++;
  summaries.push(
    `${label}: ${numRuns} requests in ${seconds.toFixed(1)} s (${(numRuns / seconds).toFixed(0)}/s)`,
  );
}

const summaries: string[] = [];
let propertiesHeld = 0;
const injectTally = new StatusTally();
const rawTally = new StatusTally();
const runStarted = performance.now();
afterAll(() => {
  console.log(`HTTP fuzz, FUZZ_SEED=${settings.seed}:\n  ${summaries.join('\n  ')}`);
  // A failed run reports too: its figures count the requests up to and while shrinking.
  recordFigures('fuzz', {
    seed: settings.seed,
    runs: settings.runs,
    requests: injectTally.total + rawTally.total,
    answers5xx: injectTally.serverErrors + rawTally.serverErrors,
    answersNotProblemJson: injectTally.notProblemJson + rawTally.notProblemJson,
    injectStatuses: injectTally.toString(),
    rawStatuses: rawTally.toString(),
    seconds: Math.round((performance.now() - runStarted) / 1000),
    passed: propertiesHeld === 2,
  });
});

/**
 * Sends `request` through `inject()` and reads its answer. A Server-Sent Events stream the
 * service accepted (`GET /v1/feed`) never ends by itself: its status and headers are the whole
 * answer, and the stream is dropped (the service ends it when it closes).
 */
async function injected(
  request: FuzzRequest,
): Promise<{ path: string; status: number; contentType: string | undefined; body: string }> {
  const dropped = new AbortController();
  const response = await api.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
    payloadAsStream: true,
    signal: dropped.signal,
  });
  const contentType = response.headers['content-type'];
  const path = request.url.split('?')[0]!;
  if (response.statusCode === 200 && String(contentType).startsWith('text/event-stream')) {
    dropped.abort();
    return { path, status: response.statusCode, contentType, body: '' };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of response.stream()) chunks.push(chunk as Buffer);
  return { path, status: response.statusCode, contentType, body: Buffer.concat(chunks).toString() };
}

it(
  `answers ${injectRuns} hostile requests to every operation, as every role, without a 5xx`,
  async () => {
    expect(operations.length).toBeGreaterThan(30);
    const tally = injectTally;
    await check(
      fc.asyncProperty(fuzzRequest(operations, fixtures), async (request) => {
        const answer = { method: request.method, ...(await injected(request)) };
        tally.add(answer);
        const fault = faultOf(answer);
        if (fault) throw new Error(`${request.operation}: ${fault}`);
      }),
      injectRuns,
      'inject',
    );
    summaries.push(`inject statuses: ${tally.toString()}`);
    // The run got past the front door: handlers answered, not only refusals.
    expect(tally.total).toBeGreaterThanOrEqual(injectRuns);
  },
  timeoutMs,
);

it(
  `answers ${rawRuns} malformed raw HTTP requests on a loopback socket without a 5xx`,
  async () => {
    const tally = rawTally;
    await check(
      fc.asyncProperty(rawFuzzRequest(operations), async (request) => {
        const response = await sendRaw(port, request.bytes, {
          halfClose: true,
          head: request.method === 'HEAD',
        }).catch((error: unknown) => {
          if (request.expectsAnswer) throw error;
          return undefined;
        });
        if (response === undefined) return;
        const answer = {
          method: request.method,
          path: request.path,
          status: response.status,
          contentType: response.headers['content-type'],
          body: response.body,
        };
        tally.add(answer);
        const fault = faultOf(answer);
        if (fault)
          throw new Error(
            `${JSON.stringify(request.bytes.toString('latin1').slice(0, 300))}: ${fault}`,
          );
      }),
      rawRuns,
      'raw socket',
    );
    summaries.push(`raw statuses: ${tally.toString()}`);
  },
  timeoutMs,
);

it('still serves after the fuzzing', async () => {
  const response = await api.app.inject({ method: 'GET', url: '/health' });
  expect(response.statusCode).toBe(200);
  const raw = await sendRaw(
    port,
    'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  );
  expect(raw.status).toBe(200);
});
