import type { OverloadSettings } from './overload-settings';
import type { ReceiptSettings } from './receipt-settings';
import type { WebhookSettings } from './webhook-settings';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Which adapter a store URL selects; decided once, at start. */
export type EventStoreKind = 'sqlite' | 'postgres' | 'kurrentdb';
export type ReadStoreKind = 'sqlite' | 'postgres';
export type KeyStoreKind = 'sqlite' | 'postgres';

export interface StoreLocation<Kind extends string> {
  readonly kind: Kind;
  /** What the adapter is opened with: a file path for SQLite, a connection URL otherwise. */
  readonly url: string;
}

/** Every setting the service reads, validated and frozen before anything starts. */
export interface AppConfig {
  /** Absolute path; created at start if missing. */
  readonly dataDir: string;
  readonly eventStore: StoreLocation<EventStoreKind>;
  readonly readStore: StoreLocation<ReadStoreKind>;
  readonly keys: {
    /** Subject data keys (wrapped) and the pseudonym lookup; never the event log. */
    readonly store: StoreLocation<KeyStoreKind>;
    /** Absolute path of the directory holding the key-encryption keys and the lookup secret. */
    readonly dir: string;
  };
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
  };
  readonly logLevel: LogLevel;
  readonly maxEventBytes: number;
  readonly shutdownTimeoutMs: number;
  /**
   * `/ready` fails while any projection's oldest unapplied event is older than this: how
   * stale reads may be before the replica should leave rotation (docs/adr/0023).
   */
  readonly readyMaxLagSeconds: number;
  /** When set, `/ready` also fails while any projection lags more events than this. */
  readonly readyMaxLagEvents: number | undefined;
  /** Longest a read with a consistency token waits for the projections to reach it. */
  readonly readYourWritesTimeoutMs: number;
  readonly consent: ConsentSettings;
  readonly audit: AuditSettings;
  readonly auth: AuthSettings;
  /** Erasure webhooks to processors: safety rules, timeouts, retries (ADR 0015). */
  readonly webhooks: WebhookSettings;
  /** Load shedding per route class and the HTTP server's timeouts (ADR 0024). */
  readonly overload: OverloadSettings;
  /** Consent receipts and records: their signing key and what they say of the controller. */
  readonly receipts: ReceiptSettings;
  /** The permission-change feed's Server-Sent Events streams (ADR 0039). */
  readonly feed: FeedSettings;
}

export interface FeedSettings {
  /** A comment line goes to every open stream this often, so proxies keep it open. */
  readonly heartbeatMs: number;
  /** Changes a stream may hold for a consumer that reads too slowly; past it, it is cut off. */
  readonly streamBufferChanges: number;
  /** Streams one process serves at once; more are refused with a 503. */
  readonly maxStreams: number;
}

interface ConsentSettings {
  /** The tenant created on first start: its policy is seeded and its first admin key made. */
  readonly defaultTenant: string;
  /** Publish the example drone-app policy for the default tenant on first start. */
  readonly seedExamplePolicy: boolean;
  /** Callers may record events whose valid time lies in the past (imports). */
  readonly allowBackdatedImports: boolean;
  /** How far a valid time may lie in the future, or (without imports) in the past. */
  readonly maxClockSkewMs: number;
}

export interface AuditSettings {
  /** Every tenant log's origin (and signature key name) is `<originHost>/<tenant>`. */
  readonly originHost: string;
  /** Sign a log's checkpoint once it grew by this many leaves since the last one... */
  readonly checkpointEveryEvents: number;
  /** ...or once it grew at all and this long has passed since the last one. */
  readonly checkpointEveryMs: number;
  /** Most events one export bundle over HTTP may carry (the CLI export has no bound). */
  readonly exportMaxEvents: number;
  readonly signingKey: {
    /** Absolute path of the Ed25519 signer key text (Go sumdb/note format), mode 0600. */
    readonly file: string;
    /** True for the default file in KEYS_DIR, generated on first start; a named file must exist. */
    readonly createIfMissing: boolean;
  };
}

export interface AuthSettings {
  /**
   * How long a replica trusts what it last read of a tenant's key registry. A revocation
   * takes effect at once on the replica that recorded it and within this time on the others.
   */
  readonly keyCacheMs: number;
  /** Where the first tenant-admin key goes on first start; undefined: printed once on stdout. */
  readonly initialAdminKeyFile: string | undefined;
  /** OAuth2/OIDC issuers whose bearer JWTs are accepted. */
  readonly oidcIssuers: readonly OidcIssuer[];
  /** Requests one credential (or one address, without credentials) may make per window. */
  readonly rateLimit: { readonly requests: number; readonly windowMs: number };
  /** When set, `/metrics` needs `Authorization: Bearer <token>`; otherwise it is open. */
  readonly metricsToken: string | undefined;
}

export interface OidcIssuer {
  /** The `iss` value tokens must carry. */
  readonly issuer: string;
  readonly jwksUri: string;
  /** The `aud` value tokens must carry. */
  readonly audience: string;
  /** The claim naming the caller's tenant (ignored when `tenant` fixes it). */
  readonly tenantClaim: string;
  /** The claim listing the caller's roles: an array, or a space-separated string. */
  readonly rolesClaim: string;
  /** Every token of this issuer acts for this tenant. */
  readonly tenant: string | undefined;
}
