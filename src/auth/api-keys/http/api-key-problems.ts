import { ProblemException, PROBLEM_TYPES, type ProblemType } from '../../../http';
import { ApiKeyRefusal, type ApiKeyRefusalCode } from '../../domain/api-key-refusal';

const STATUS: Readonly<Record<ApiKeyRefusalCode, { status: number; title: string }>> = {
  'api-key-not-found': { status: 404, title: 'API key not found' },
  'api-key-exists': { status: 409, title: 'API key exists' },
  'api-key-revoked': { status: 409, title: 'API key revoked' },
  'invalid-expiry': { status: 400, title: 'Invalid expiry' },
  'last-tenant-admin': { status: 409, title: 'Last tenant-admin key' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused' },
  'invalid-roles': { status: 400, title: 'Invalid roles' },
  'invalid-recipient': { status: 400, title: 'Invalid recipient' },
  'processor-key-roles-fixed': { status: 409, title: 'Processor key roles are fixed' },
};

const TYPE: Readonly<Record<ApiKeyRefusalCode, ProblemType>> = {
  'api-key-not-found': PROBLEM_TYPES.apiKeyNotFound,
  'api-key-exists': PROBLEM_TYPES.conflict,
  'api-key-revoked': PROBLEM_TYPES.apiKeyRevoked,
  'invalid-expiry': PROBLEM_TYPES.invalidTime,
  'last-tenant-admin': PROBLEM_TYPES.lastTenantAdmin,
  'idempotency-key-reused': PROBLEM_TYPES.idempotencyKeyReused,
  'invalid-roles': PROBLEM_TYPES.validationError,
  'invalid-recipient': PROBLEM_TYPES.validationError,
  'processor-key-roles-fixed': PROBLEM_TYPES.conflict,
};

/** Runs a registry call, answering its refusals as problems. */
export async function answeringRefusals<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ApiKeyRefusal)) throw error;
    const shape = STATUS[error.code];
    throw new ProblemException({
      type: TYPE[error.code],
      title: shape.title,
      status: shape.status,
      detail: error.message,
      ...(error.field === undefined
        ? {}
        : {
            extensions: {
              code: error.code,
              ...error.details,
              errors: [{ field: error.field, message: error.message }],
            },
          }),
    });
  }
}

export function keyNotFound(keyId: string): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.apiKeyNotFound,
    title: 'API key not found',
    status: 404,
    detail: `The tenant has no key with id ${keyId}.`,
  });
}
