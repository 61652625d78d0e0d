import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoopbackClient } from './http-client';

/**
 * Registers `count` `row` subjects through the API with `workers` requests in flight and
 * returns their ids. A loaded service may shed: a 503 or 429 is waited out and tried again
 * with a new key (nothing was recorded).
 */
export async function registerSubjects(
  client: LoopbackClient,
  count: number,
  workers: number,
  prefix: string,
): Promise<string[]> {
  const ids: string[] = [];
  const register = async () => {
    while (ids.length < count) {
      const answer = await client.post(
        '/v1/subjects',
        { appSubjectId: `${prefix}-${randomUUID()}`, residency: 'row' },
        { 'idempotency-key': randomUUID() },
      );
      if (answer.status === 503 || answer.status === 429) {
        await sleep(1000);
        continue;
      }
      if (answer.status !== 201) {
        throw new Error(`registering a subject answered ${answer.status}: ${answer.body}`);
      }
      ids.push((JSON.parse(answer.body) as { subjectId: string }).subjectId);
    }
  };
  await Promise.all(Array.from({ length: workers }, register));
  return ids;
}
