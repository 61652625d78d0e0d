/**
 * Every RFC 9457 problem `type` the service answers with. They are stable identifiers that
 * clients may switch on: add new ones, never change or reuse an existing one.
 */
const BASE = 'https://consent-ledger.dev/problems';

export const PROBLEM_TYPES = {
  validationError: `${BASE}/validation-error`,
  malformedJson: `${BASE}/malformed-json`,
  badRequest: `${BASE}/bad-request`,
  unauthorized: `${BASE}/unauthorized`,
  forbidden: `${BASE}/forbidden`,
  routeNotFound: `${BASE}/route-not-found`,
  notFound: `${BASE}/not-found`,
  methodNotAllowed: `${BASE}/method-not-allowed`,
  conflict: `${BASE}/conflict`,
  wrongExpectedRevision: `${BASE}/wrong-expected-revision`,
  duplicateEventId: `${BASE}/duplicate-event-id`,
  invalidAppend: `${BASE}/invalid-append`,
  payloadTooLarge: `${BASE}/payload-too-large`,
  eventTooLarge: `${BASE}/event-too-large`,
  unsupportedMediaType: `${BASE}/unsupported-media-type`,
  tooManyRequests: `${BASE}/too-many-requests`,
  internalError: `${BASE}/internal-error`,
  serviceUnavailable: `${BASE}/service-unavailable`,
  eventStoreUnavailable: `${BASE}/event-store-unavailable`,
  notReady: `${BASE}/not-ready`,
  idempotencyKeyMissing: `${BASE}/idempotency-key-missing`,
  idempotencyKeyReused: `${BASE}/idempotency-key-reused`,
  invalidPolicy: `${BASE}/invalid-policy`,
  policyVersionConflict: `${BASE}/policy-version-conflict`,
  policyNotPublished: `${BASE}/policy-not-published`,
  unknownValue: `${BASE}/unknown-value`,
  combinationNotOffered: `${BASE}/combination-not-offered`,
  mandatoryCategory: `${BASE}/mandatory-category`,
  perTransferCategory: `${BASE}/per-transfer-category`,
  subjectAlreadyRegistered: `${BASE}/subject-already-registered`,
  subjectNotFound: `${BASE}/subject-not-found`,
  subjectErased: `${BASE}/subject-erased`,
  erasureAlreadyRequested: `${BASE}/erasure-already-requested`,
  invalidTime: `${BASE}/invalid-time`,
  duplicateId: `${BASE}/duplicate-id`,
  consistencyTimeout: `${BASE}/consistency-timeout`,
  invalidConsistencyToken: `${BASE}/invalid-consistency-token`,
  batchTooLarge: `${BASE}/batch-too-large`,
  checkpointNotFound: `${BASE}/checkpoint-not-found`,
  treeSizeOutOfRange: `${BASE}/tree-size-out-of-range`,
  leafNotFound: `${BASE}/leaf-not-found`,
  exportTooLarge: `${BASE}/export-too-large`,
  apiKeyNotFound: `${BASE}/api-key-not-found`,
  apiKeyRevoked: `${BASE}/api-key-revoked`,
  lastTenantAdmin: `${BASE}/last-tenant-admin`,
} as const;

export type ProblemType = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES] | 'about:blank';

/** Generic problem types for HTTP statuses that carry no further meaning here. */
export const PROBLEM_TYPE_BY_STATUS: Readonly<Record<number, ProblemType>> = {
  400: PROBLEM_TYPES.badRequest,
  401: PROBLEM_TYPES.unauthorized,
  403: PROBLEM_TYPES.forbidden,
  404: PROBLEM_TYPES.notFound,
  405: PROBLEM_TYPES.methodNotAllowed,
  409: PROBLEM_TYPES.conflict,
  413: PROBLEM_TYPES.payloadTooLarge,
  415: PROBLEM_TYPES.unsupportedMediaType,
  429: PROBLEM_TYPES.tooManyRequests,
  500: PROBLEM_TYPES.internalError,
  503: PROBLEM_TYPES.serviceUnavailable,
};
