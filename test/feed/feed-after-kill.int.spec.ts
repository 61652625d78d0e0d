import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceProcess } from '../support/service-process';
import { SseClient } from './sse-client';

/**
 * The service SIGKILLed while ten consumers follow the feed and commands run: after the
 * restart each consumer resumes with the Last-Event-ID it last received, and what it received
 * before and after, together, is the feed as a page reader sees it from position 0 — nothing
 * missing, nothing twice, the positions it saw before the kill unchanged.
 */
const CONSUMERS = 10;
const MAP_LOCATION = {
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
};

interface Change {
  position: number;
}

describe('the feed across a SIGKILL of the service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-feed-kill-'));
  let service: ServiceProcess | undefined;
  let authorization = '';

  afterAll(async () => {
    await service?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${service!.url}${path}`, {
      method,
      headers: {
        authorization,
        ...(body === undefined
          ? {}
          : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** Registers a subject and grants, then revokes, one combination; errors once killed are fine. */
  async function commands(subjects: number): Promise<void> {
    for (let i = 0; i < subjects; i++) {
      const registered = await call('POST', '/v1/subjects', {
        appSubjectId: `app-${randomUUID()}`,
        residency: 'row',
        occurredAt: new Date().toISOString(),
      });
      const { subjectId } = (await registered.json()) as { subjectId: string };
      await call('POST', `/v1/subjects/${subjectId}/grants`, MAP_LOCATION);
      await call('POST', `/v1/subjects/${subjectId}/revocations`, MAP_LOCATION);
    }
  }

  async function wholeFeed(): Promise<Change[]> {
    const changes: Change[] = [];
    let after = 0;
    for (;;) {
      const response = await call('GET', `/v1/feed/changes?after=${after}&limit=1000`);
      const page = (await response.json()) as { changes: Change[]; next: number };
      changes.push(...page.changes);
      if (page.next === after) return changes;
      after = page.next;
    }
  }

  function follow(lastEventId?: string): Promise<SseClient> {
    return SseClient.open(service!.port, '/v1/feed', {
      authorization,
      ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
    });
  }

  function lastId(client: SseClient): string {
    return client.events.filter((e) => e.event === 'change').at(-1)?.id ?? '0';
  }

  it('lets every consumer resume to the same sequence', async () => {
    const keyFile = join(dataDir, 'initial-admin.key');
    service = await ServiceProcess.start({
      env: { DATA_DIR: dataDir, INITIAL_ADMIN_KEY_FILE: keyFile, FEED_HEARTBEAT_MS: '200' },
    });
    authorization = `Bearer ${readFileSync(keyFile, 'utf8').trim()}`;
    const key = await call('POST', '/v1/api-keys', { name: 'feed', roles: ['app', 'auditor'] });
    authorization = `Bearer ${((await key.json()) as { apiKey: string }).apiKey}`;

    const before = await Promise.all(Array.from({ length: CONSUMERS }, () => follow()));
    await commands(5);
    await Promise.all(before.map((c) => c.until((x) => x.changes().length >= 5)));
    // Killed while commands run and consumers follow.
    const running = commands(20).catch(() => undefined);
    await before[0]!.until((x) => x.changes().length >= 20);
    await service.kill();
    await running;
    await Promise.all(before.map((c) => c.until((x) => x.ended)));

    await service.restart();
    const after = await Promise.all(before.map((c) => follow(lastId(c))));
    await commands(3);
    const feed = await wholeFeed();
    expect(feed.map((c) => c.position)).toEqual(feed.map((_, i) => i + 1));
    await Promise.all(after.map((c) => c.until((x) => lastId(x) === String(feed.length))));
    for (const [i, client] of after.entries()) {
      expect([...before[i]!.changes(), ...client.changes()]).toEqual(feed);
    }
    for (const client of after) client.close();
  }, 180_000);
});
