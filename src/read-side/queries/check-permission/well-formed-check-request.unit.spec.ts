import type { ValidationPipe } from '@nestjs/common';
import { createValidationPipe } from '../../../http/request-validation';
import { CheckRequest } from './check.request.dto';
import { wellFormedCheckRequest } from './well-formed-check-request';

const VALID = {
  subjectId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  category: 'approximate-location',
  recipient: 'map-provider-row',
  purpose: 'map-display',
};

/** Bodies at and around every rule of CheckRequest. */
const BODIES: unknown[] = [
  VALID,
  { ...VALID, precision: 'approximate' },
  { ...VALID, at: '2026-01-01T00:00:00.000Z' },
  { ...VALID, at: '2026-01-01T00:00:00Z' },
  { ...VALID, at: '2026-01-01' },
  { ...VALID, at: '2026-02-30T00:00:00.000Z' },
  { ...VALID, at: 'yesterday' },
  { ...VALID, at: 17 },
  { ...VALID, at: null },
  { ...VALID, precision: 'exact' },
  { ...VALID, precision: null },
  { ...VALID, subjectId: 'not-a-uuid' },
  { ...VALID, subjectId: VALID.subjectId.toUpperCase() },
  { ...VALID, subjectId: 42 },
  { ...VALID, category: 'Approximate' },
  { ...VALID, category: '' },
  { ...VALID, recipient: 'a'.repeat(64) },
  { ...VALID, purpose: ['map-display'] },
  { ...VALID, extra: 1 },
  { subjectId: VALID.subjectId, category: VALID.category, recipient: VALID.recipient },
  {},
  [],
  null,
  'text',
];

async function pipeAccepts(pipe: ValidationPipe, body: unknown): Promise<boolean> {
  try {
    await pipe.transform(body, { type: 'body', metatype: CheckRequest });
    return true;
  } catch {
    return false;
  }
}

describe('wellFormedCheckRequest', () => {
  const pipe = createValidationPipe();

  it.each(BODIES.map((body) => [JSON.stringify(body), body]))(
    'accepts %s only if the validation pipe does',
    async (_shown, body) => {
      const quick = wellFormedCheckRequest(body);
      if (quick !== undefined) expect(await pipeAccepts(pipe, body)).toBe(true);
    },
  );

  it('accepts the usual well-formed bodies, so the pipe is the exception', () => {
    expect(wellFormedCheckRequest(VALID)).toEqual(VALID);
    expect(wellFormedCheckRequest({ ...VALID, precision: 'approximate' })).toBeDefined();
    expect(wellFormedCheckRequest({ ...VALID, at: '2026-01-01T00:00:00.000Z' })).toBeDefined();
  });
});
