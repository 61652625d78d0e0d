import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../../src/event-store/event-store.port';
import { EVENT_STORE } from '../../../src/event-store/event-store.token';
import type { AccessTestApp } from './access-app';
import { MAP } from './access-app';

/**
 * Resources of the default tenant for the matrix to aim at, each made fresh through the API
 * with a caller that holds every role, so a request that changes one can be repeated.
 */
export class AccessFixtures {
  constructor(private readonly api: AccessTestApp) {}

  async subject(): Promise<{ subjectId: string; appSubjectId: string; path: string }> {
    const appSubjectId = `app-${randomUUID()}`;
    const body = await this.api.own(
      { method: 'POST', url: '/v1/subjects', body: { appSubjectId, residency: 'row' } },
      201,
    );
    const subjectId = this.api.remember(String(body.subjectId));
    return { subjectId, appSubjectId, path: `/v1/subjects/${subjectId}` };
  }

  /** A subject whose location went to the map provider: an erasure has a processor to notify. */
  async syncedSubject(): Promise<{ subjectId: string; path: string }> {
    const subject = await this.subject();
    await this.api.own({ method: 'POST', url: `${subject.path}/grants`, body: MAP }, 201);
    await this.api.own(
      {
        method: 'POST',
        url: `${subject.path}/syncs`,
        body: { ...MAP, syncId: randomUUID(), precision: 'approximate', userInitiated: false },
      },
      201,
    );
    return subject;
  }

  /** An open account erasure whose processor has been notified. */
  async openErasure(): Promise<{ subjectId: string; erasureId: string; path: string }> {
    const subject = await this.syncedSubject();
    const receipt = await this.api.own(
      { method: 'POST', url: `${subject.path}/erasure-requests`, body: { scope: 'account' } },
      201,
    );
    const erasureId = this.api.remember(String(receipt.erasureId));
    const path = `${subject.path}/erasure-requests/${erasureId}`;
    await this.api.own(
      { method: 'GET', url: `${path}?consistencyToken=${String(receipt.consistencyToken)}` },
      200,
    );
    return { subjectId: subject.subjectId, erasureId, path };
  }

  /** An erasure whose only processor confirmed: it may be completed. */
  async confirmedErasure(): Promise<{ path: string }> {
    const erasure = await this.openErasure();
    await this.api.own(
      { method: 'POST', url: `${erasure.path}/confirmations`, body: { recipient: MAP.recipient } },
      201,
    );
    return erasure;
  }

  /** A completed erasure whose certificate a signed checkpoint covers; its path. */
  async certifiedErasure(): Promise<string> {
    const { path } = await this.confirmedErasure();
    await this.api.own({ method: 'POST', url: `${path}/completion`, body: {} }, 201);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await this.api.send(this.api.allRolesKey, {
        method: 'GET',
        url: `${path}/certificate`,
      });
      if (response.statusCode === 200) return path;
      if (Date.now() > deadline)
        throw new Error(`certificate still answers ${response.statusCode}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The map provider, with a webhook configured. */
  async configuredProcessor(): Promise<string> {
    await this.api.own(
      {
        method: 'PUT',
        url: `/v1/processors/${MAP.recipient}/webhook`,
        body: { url: 'https://127.0.0.1:9/erasures' },
      },
      200,
    );
    return MAP.recipient;
  }

  async apiKey(): Promise<string> {
    const body = await this.api.own(
      { method: 'POST', url: '/v1/api-keys', body: { name: 'fixture', roles: ['app'] } },
      201,
    );
    return this.api.remember(String(body.keyId));
  }

  async currentPolicyVersion(): Promise<number> {
    return Number(
      (await this.api.own({ method: 'GET', url: '/v1/policies/current' }, 200)).version,
    );
  }

  /** The newest signed checkpoint of the default tenant's log, once one covers `minSize` leaves. */
  async checkpointSize(minSize = 1): Promise<number> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await this.api.send(this.api.allRolesKey, {
        method: 'GET',
        url: '/v1/audit/checkpoint',
      });
      const size = response.statusCode === 200 ? Number(response.body.split('\n')[1]) : 0;
      if (size >= minSize) return size;
      if (Date.now() > deadline) throw new Error(`no checkpoint of at least ${minSize} leaves`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A subject whose events a signed checkpoint covers, so its export bundle can be made. */
  async exportableSubject(): Promise<string> {
    const subject = await this.subject();
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await this.api.send(this.api.allRolesKey, {
        method: 'GET',
        url: `/v1/audit/exports?subjectId=${subject.subjectId}`,
      });
      if (response.statusCode === 200) return subject.subjectId;
      if (Date.now() > deadline) throw new Error(`export still answers ${response.statusCode}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A subject's grant, by the path of its consent receipt. */
  async grantReceipt(): Promise<string> {
    const subject = await this.subject();
    await this.api.own({ method: 'POST', url: `${subject.path}/grants`, body: MAP }, 201);
    const stream = `subject-default-${subject.subjectId}`;
    const events = await this.api.app.get<EventStore>(EVENT_STORE).readStream(stream);
    const eventId = this.api.remember(events[events.length - 1]!.id);
    return `${subject.path}/receipts/${eventId}`;
  }

  /** Any event of the default tenant's log (its first: the seeded policy). */
  async loggedEventId(): Promise<string> {
    await this.checkpointSize(1);
    const events = await this.api.app.get<EventStore>(EVENT_STORE).readAll();
    return this.api.remember(events.find((e) => e.metadata.tenantId === 'default')!.id);
  }
}
