import { setTimeout as sleep } from 'node:timers/promises';
import { APP_PERFORMANCE, DEVICE_INFO, MAP_LOCATION } from '../../e2e/consent/fixtures';
import type { HttpTarget } from '../../support/http-target';

const COMBINATIONS = [DEVICE_INFO, MAP_LOCATION, APP_PERFORMANCE];
/** 333 subjects × 3 combinations stay under the batch limit of 1000 checks. */
const SUBJECTS_PER_BATCH = 333;
/** Only catches a projection that never catches up; not a speed target. */
const CATCH_UP_BOUND_MS = 120_000;

/**
 * What the read side answers about every subject once its projections reached `position`:
 * permission checks of three combinations per subject at one fixed instant (from the
 * consent_state projection), and the tenant's consent summary (flow_windows). Two services
 * over the same event log must answer alike whatever they went through, so a service that
 * was killed again and again is compared with one rebuilt from the log.
 */
export async function projectionAnswers(
  target: HttpTarget,
  subjectIds: readonly string[],
  position: bigint,
  at: string,
): Promise<{ checks: unknown[]; summary: unknown }> {
  const checks: unknown[] = [];
  for (let i = 0; i < subjectIds.length; i += SUBJECTS_PER_BATCH) {
    const batch = subjectIds
      .slice(i, i + SUBJECTS_PER_BATCH)
      .flatMap((subjectId) =>
        COMBINATIONS.map((combination) => ({ subjectId, ...combination, at })),
      );
    const answer = await untilAnswered(() =>
      target.send(
        'POST',
        `/v1/checks/batch?consistencyToken=${position}`,
        JSON.stringify({ checks: batch }),
        { 'content-type': 'application/json' },
      ),
    );
    const { results } = JSON.parse(answer) as { results: Record<string, unknown>[] };
    checks.push(...results.map(withoutPosition));
  }
  const { asOf: _asOf, ...summary } = withoutPosition(
    JSON.parse(
      await untilAnswered(() =>
        target.get(`/v1/consent-state/summary?consistencyToken=${position}`),
      ),
    ) as Record<string, unknown>,
  );
  return { checks, summary };
}

/**
 * The position a read model had reached and the summary's "now" differ between two services
 * that agree on every answer, so they are left out of the comparison.
 */
function withoutPosition(answer: Record<string, unknown>): Record<string, unknown> {
  const { answeredAtPosition: _position, ...rest } = answer;
  return rest;
}

/** Asks again while the projections have not reached the token yet (a 503 or 409 says so). */
async function untilAnswered(
  ask: () => Promise<{ statusCode: number; body: string }>,
): Promise<string> {
  const deadline = Date.now() + CATCH_UP_BOUND_MS;
  for (;;) {
    const answer = await ask();
    if (answer.statusCode === 200) return answer.body;
    if (Date.now() > deadline) {
      throw new Error(
        `the read side did not answer 200 within ${CATCH_UP_BOUND_MS} ms: ${answer.statusCode} ${answer.body}`,
      );
    }
    await sleep(200);
  }
}
