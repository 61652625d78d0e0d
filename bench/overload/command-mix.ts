import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoopbackClient } from '../support/http-client';
import { registerSubjects as registerSubjectsThrough } from '../support/register-subjects';
import type { RequestSpec } from './open-loop';

/** Grants a `row` subject may give under the example policy every tenant starts with. */
const GRANTS = [
  { category: 'approximate-location', recipient: 'map-provider-row', purpose: 'map-display' },
  { category: 'device-info', recipient: 'first-party-row', purpose: 'diagnostics' },
];
/** What the checks ask: granted by every subject once the first grant ran. */
const CHECKED = GRANTS[0]!;

/** Of every `CYCLE` requests, `CHECKS` are checks (reads), the rest grant-consent commands. */
const CYCLE = 4;
const CHECKS = 1;

/** Registers `count` subjects for the mix, `concurrency` at a time, on their own client. */
export async function registerSubjects(
  baseUrl: string,
  authorization: string | undefined,
  count: number,
  concurrency = 16,
): Promise<string[]> {
  const client = new LoopbackClient(
    Number(new URL(baseUrl).port),
    concurrency,
    authorization ? { authorization } : {},
  );
  try {
    return await registerSubjectsThrough(client, count, concurrency, 'overload');
  } finally {
    client.close();
  }
}

/**
 * The request mix: three grant-consent commands (each with its own Idempotency-Key) to one
 * check, round-robin over the subjects so that concurrent commands rarely meet on a subject.
 */
export function commandMix(
  subjects: readonly string[],
  authorization: string | undefined,
): () => RequestSpec {
  const auth: Record<string, string> = authorization ? { authorization } : {};
  const checkBodies = subjects.map((subjectId) => JSON.stringify({ subjectId, ...CHECKED }));
  const grantBodies = GRANTS.map((grant) => JSON.stringify(grant));
  let n = 0;
  return () => {
    const i = n++;
    const subject = i % subjects.length;
    if (i % CYCLE < CHECKS) {
      return { method: 'POST', path: '/v1/checks', body: checkBodies[subject], headers: auth };
    }
    return {
      method: 'POST',
      path: `/v1/subjects/${subjects[subject]}/grants`,
      body: grantBodies[Math.floor(i / subjects.length) % grantBodies.length],
      headers: { ...auth, 'idempotency-key': randomUUID() },
    };
  };
}

/** Waits until `/ready` answers 200 (the projections caught up), at most `timeoutMs`. */
export async function waitUntilReady(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const client = new LoopbackClient(Number(new URL(baseUrl).port), 1);
  try {
    const deadline = Date.now() + timeoutMs;
    while ((await client.get('/ready')).status !== 200) {
      if (Date.now() > deadline)
        throw new Error(`/ready did not answer 200 within ${timeoutMs} ms`);
      await sleep(50);
    }
  } finally {
    client.close();
  }
}
