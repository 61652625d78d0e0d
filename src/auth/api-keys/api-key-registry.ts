import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../../config';
import { CLOCK, type Clock } from '../../shared/time/clock';
import { decideAndAppend, EVENT_STORE } from '../../event-store';
import { fold } from '../../shared/domain/decider';
import { deterministicEventId } from '../../shared/ids/deterministic-event-id';
import type { EventStore } from '../../event-store/event-store.port';
import { LOOKUP_SECRET } from '../../keys';
import type { AuthenticatedCaller } from '../authenticated-caller';
import type { ApiKeyCommand } from '../domain/api-key.commands';
import { decodeApiKeyEvent } from '../domain/api-key-event-decoder';
import type { ApiKeyEvent } from '../domain/api-key.events';
import { ApiKeyRefusal } from '../domain/api-key-refusal';
import { apiKeyRegistryDecider } from '../domain/api-key-registry.decider';
import {
  type ApiKeyRecord,
  type ApiKeyRegistryState,
  isActive,
} from '../domain/api-key-registry.state';
import { type ApiKeyToken, formatApiKey } from '../domain/api-key-token';
import { EVERY_RECIPIENT, oneRecipient } from '../../shared/tenancy/recipient-scope';
import type { Role } from '../role';
import { digestsEqual, generateApiKey, secretDigestOf } from './api-key-secrets';
import { apiKeyStream } from './api-key-streams';
import { type RegistryRead, RegistryRefresh } from './registry-refresh';

export interface NewApiKey {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly expiresAt: string | null;
  /** The recipient a `processor` key speaks for (ADR 0042); null or absent for other keys. */
  readonly recipient?: string | null;
}

export interface RegistryChange {
  readonly key: ApiKeyRecord;
  /** The full key, only when this call created it: it is never shown again. */
  readonly apiKey?: string;
  readonly consistencyToken: string | null;
  readonly replayed: boolean;
}

type CachedRegistry = RegistryRead<ApiKeyRegistryState>;

/** `authenticateFromCache` cannot tell without reading the registry. */
export const NOT_CACHED = Symbol('NotCached');

/** Verified keys remembered at most; beyond, the memory starts afresh. */
const MAX_VERIFIED = 10_000;

/**
 * A miss re-reads the stream, since the key may have been made on another replica a moment
 * ago; misses share reads, which begin at least this far apart (docs/adr/0028).
 */
const MISS_REREAD_MS = 50;

/** Registries of tenants this replica never read that are read at once; more misses fail. */
const MAX_UNKNOWN_TENANT_READS = 8;

/** Reads for a create, revoke or list: never paced, never refused. */
const ADMINISTRATIVE = { paced: false, mayRefuse: false };

/**
 * A tenant's API keys, kept in its registry stream and folded on read. Authentication reads
 * the stream too (through a short cache), not a projection: a key works the moment it is
 * created, on every replica, and stops the moment it is revoked on this replica (within
 * API_KEY_CACHE_MS on the others), even while projections rebuild.
 */
@Injectable()
export class ApiKeyRegistry {
  private readonly cache = new Map<string, CachedRegistry>();
  private readonly verified = new Map<string, ApiKeyRecord>();
  private readonly refresh: RegistryRefresh<ApiKeyRegistryState>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOOKUP_SECRET) private readonly lookupSecret: Buffer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.refresh = new RegistryRefresh(
      (tenantId) => this.readStream(tenantId),
      () => clock.now(),
      {
        minIntervalMs: MISS_REREAD_MS,
        maxUnknownTenants: MAX_UNKNOWN_TENANT_READS,
      },
    );
  }

  /** The caller a key stands for, or undefined when it is unknown, wrong, revoked or expired. */
  async authenticate(token: ApiKeyToken): Promise<AuthenticatedCaller | undefined> {
    const key = await this.findKey(token);
    return key ? this.callerFor(token, key) : undefined;
  }

  /**
   * What `authenticate` answers, given at once when it needs no read: the tenant's registry
   * is in the cache, fresh, and holds the key. Otherwise `NOT_CACHED`, and the caller asks
   * `authenticate`. Most requests come this way, and an authentication without an await
   * lets the guards run without a turn of the microtask queue each.
   */
  authenticateFromCache(token: ApiKeyToken): AuthenticatedCaller | undefined | typeof NOT_CACHED {
    const key = this.freshState(token.tenantId, this.clock.now())?.keys.get(token.keyId);
    return key ? this.callerFor(token, key) : NOT_CACHED;
  }

  private callerFor(token: ApiKeyToken, key: ApiKeyRecord): AuthenticatedCaller | undefined {
    if (!this.verifiedSecret(token, key)) return undefined;
    if (!isActive(key, new Date(this.clock.now()).toISOString())) return undefined;
    return {
      tenantId: token.tenantId,
      principal: `key:${key.keyId}`,
      roles: key.roles,
      mayBackdate: this.config.consent.allowBackdatedImports,
      recipientScope: key.recipient === null ? EVERY_RECIPIENT : oneRecipient(key.recipient),
    };
  }

  async list(tenantId: string): Promise<ApiKeyRecord[]> {
    return [...(await this.read(tenantId)).keys.values()];
  }

  async get(tenantId: string, keyId: string): Promise<ApiKeyRecord | undefined> {
    return (await this.read(tenantId)).keys.get(keyId);
  }

  async create(
    actor: Pick<AuthenticatedCaller, 'tenantId' | 'principal'>,
    idempotencyKey: string,
    request: NewApiKey,
    /** The recipient keys of the tenant's policy in force; needed for a processor key only. */
    policyRecipients: readonly string[] = [],
  ): Promise<RegistryChange> {
    const token = generateApiKey(actor.tenantId);
    const command: ApiKeyCommand = {
      type: 'create-api-key',
      tenantId: actor.tenantId,
      keyId: token.keyId,
      name: request.name,
      roles: request.roles,
      secretDigest: secretDigestOf(this.lookupSecret, token),
      expiresAt: request.expiresAt,
      recipient: request.recipient ?? null,
      policyRecipients,
      now: this.now(),
      actor: actor.principal,
    };
    let change = await this.decide(actor.tenantId, idempotencyKey, command);
    if (!change.state.keys.has(createdKeyId(change.events))) {
      // Another try of this request (the same Idempotency-Key, on another replica: the
      // initial admin key of replicas starting together) stored its events under the same
      // ids a moment earlier, and the store answered this append as a retry of them. Its
      // key stands; reading the request again makes this try a replay of it.
      change = await this.decide(actor.tenantId, idempotencyKey, command);
    }
    const key = change.state.keys.get(createdKeyId(change.events))!;
    // A replayed request made its key earlier; that key's secret was shown then and is gone.
    return {
      ...change.receipt,
      key,
      apiKey: change.receipt.replayed ? undefined : formatApiKey(token),
    };
  }

  async revoke(
    actor: Pick<AuthenticatedCaller, 'tenantId' | 'principal'>,
    idempotencyKey: string,
    keyId: string,
  ): Promise<RegistryChange> {
    const change = await this.decide(actor.tenantId, idempotencyKey, {
      type: 'revoke-api-key',
      tenantId: actor.tenantId,
      keyId,
      now: this.now(),
      actor: actor.principal,
    });
    return { ...change.receipt, key: change.state.keys.get(keyId)! };
  }

  async changeRoles(
    actor: Pick<AuthenticatedCaller, 'tenantId' | 'principal'>,
    idempotencyKey: string,
    keyId: string,
    roles: readonly Role[],
  ): Promise<RegistryChange> {
    const change = await this.decide(actor.tenantId, idempotencyKey, {
      type: 'change-api-key-roles',
      tenantId: actor.tenantId,
      keyId,
      roles,
      now: this.now(),
      actor: actor.principal,
    });
    return { ...change.receipt, key: change.state.keys.get(keyId)! };
  }

  private async decide(tenantId: string, idempotencyKey: string, command: ApiKeyCommand) {
    const stream = apiKeyStream(tenantId);
    const result = await decideAndAppend(this.store, apiKeyRegistryDecider, stream, command, {
      decode: decodeApiKeyEvent,
      eventId: (index) => deterministicEventId(tenantId, idempotencyKey, stream, index),
      metadata: { tenantId },
    });
    this.cache.delete(tenantId);
    if (result.replayed) refuseOtherRequest(command, result.events);
    const state = (await this.readAfter(tenantId, this.refresh.ticket(), ADMINISTRATIVE))!;
    return {
      events: result.events,
      state,
      receipt: {
        consistencyToken: result.position?.toString() ?? null,
        replayed: result.replayed,
      },
    };
  }

  /**
   * Whether the token's secret matches the key's digest. A match is remembered against the
   * very record it was checked with: every fold of the registry makes new records, so a
   * revocation, a role change or the cache's refresh checks the secret again, while the
   * requests in between skip the HMAC.
   */
  private verifiedSecret(token: ApiKeyToken, key: ApiKeyRecord): boolean {
    const text = formatApiKey(token);
    if (this.verified.get(text) === key) return true;
    if (!digestsEqual(key.secretDigest, secretDigestOf(this.lookupSecret, token))) return false;
    if (this.verified.size >= MAX_VERIFIED) this.verified.clear();
    this.verified.set(text, key);
    return true;
  }

  /**
   * The key from a registry read after the request arrived, unless the cache holds it: a
   * key acknowledged by another replica before this request was sent is found. A miss on a
   * fresh registry is paced (a flood of made-up keys looks like this); an expired one is not.
   */
  private async findKey(token: ApiKeyToken): Promise<ApiKeyRecord | undefined> {
    const arrived = this.refresh.ticket();
    const fresh = this.freshState(token.tenantId, this.clock.now());
    const key = fresh?.keys.get(token.keyId);
    if (key) return key;
    const read = await this.readAfter(token.tenantId, arrived, {
      paced: fresh !== undefined,
      mayRefuse: true,
    });
    return read?.keys.get(token.keyId);
  }

  /** The cached registry while it is fresh; otherwise one read after this call. */
  private async read(tenantId: string): Promise<ApiKeyRegistryState> {
    const cached = this.freshState(tenantId, this.clock.now());
    return cached ?? (await this.readAfter(tenantId, this.refresh.ticket(), ADMINISTRATIVE))!;
  }

  /** Undefined only when authentication is refused a read (the bound on unknown tenants). */
  private async readAfter(
    tenantId: string,
    ticket: number,
    how: { readonly paced: boolean; readonly mayRefuse: boolean },
  ): Promise<ApiKeyRegistryState | undefined> {
    const lastReadAt = this.cache.get(tenantId)?.beganAt;
    const read = await this.refresh.readAfter(tenantId, ticket, { lastReadAt, ...how });
    if (!read) return undefined;
    const cached = this.cache.get(tenantId);
    // Only tenants that exist are cached, so made-up tenant names cannot grow the cache.
    if (read.state.keys.size > 0 && (!cached || cached.number < read.number)) {
      this.cache.set(tenantId, read);
    }
    return read.state;
  }

  private async readStream(tenantId: string): Promise<ApiKeyRegistryState> {
    const events = await this.store.readStream(apiKeyStream(tenantId));
    return fold(
      apiKeyRegistryDecider,
      events.map((event) => decodeApiKeyEvent(event.data)),
    );
  }

  /** The tenant's registry as cached, if it was read less than `keyCacheMs` ago. */
  private freshState(tenantId: string, now: number): ApiKeyRegistryState | undefined {
    const cached = this.cache.get(tenantId);
    return cached && now - cached.beganAt < this.config.auth.keyCacheMs ? cached.state : undefined;
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function createdKeyId(events: readonly ApiKeyEvent[]): string {
  const created = events.find((event) => event.type === 'api-key-created');
  if (!created) throw new Error('creating a key recorded no api-key-created event');
  return created.keyId;
}

/**
 * A replay must be the same request: the events an Idempotency-Key recorded earlier have to
 * be about the key (and, for a creation, the name and roles) this request names.
 */
function refuseOtherRequest(command: ApiKeyCommand, earlier: readonly ApiKeyEvent[]): void {
  if (!earlier.every((event) => sameRequest(command, event))) {
    throw new ApiKeyRefusal(
      'idempotency-key-reused',
      'This Idempotency-Key was used for a different request; send a new key for a new request.',
    );
  }
}

function sameRequest(command: ApiKeyCommand, event: ApiKeyEvent): boolean {
  const roles = (list: readonly string[]) => [...new Set(list)].sort().join();
  switch (command.type) {
    case 'create-api-key':
      return (
        event.type === 'api-key-created' &&
        event.name === command.name &&
        roles(event.roles) === roles(command.roles) &&
        event.expiresAt === command.expiresAt &&
        (event.recipient ?? null) === command.recipient
      );
    case 'revoke-api-key':
      return event.type === 'api-key-revoked' && event.keyId === command.keyId;
    case 'change-api-key-roles':
      return (
        event.type === 'api-key-roles-changed' &&
        event.keyId === command.keyId &&
        roles(event.roles) === roles(command.roles)
      );
  }
}
