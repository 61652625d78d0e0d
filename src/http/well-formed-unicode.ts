import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { PROBLEM_TYPES } from './problem-types';

/**
 * JSON may carry unpaired UTF-16 surrogates (`"\ud800"`), which are not text: they cannot be
 * encoded as UTF-8 or canonicalised (RFC 8785), so a value holding one could not be hashed
 * into the audit log or fingerprinted for idempotency. Such bodies are refused before any
 * handler sees them. Runs as a Fastify preValidation hook, i.e. after JSON parsing.
 */
export async function refuseMalformedUnicode(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const field = findMalformedString(request.body, '');
  if (field === undefined) return;
  await reply
    .code(400)
    .type(PROBLEM_CONTENT_TYPE)
    .send({
      type: PROBLEM_TYPES.validationError,
      title: 'Request validation failed',
      status: 400,
      detail: `${field || 'the body'} must be well-formed Unicode text (no unpaired surrogates)`,
      instance: request.url.split('?')[0],
      errors: [{ field: field || 'body', message: 'must be well-formed Unicode text' }],
    });
}

/** Path of the first string (or key) that is not well-formed, or undefined. */
function findMalformedString(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.isWellFormed() ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findMalformedString(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (!key.isWellFormed()) return path || 'body';
      const found = findMalformedString(child, childPath);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
