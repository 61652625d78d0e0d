import { RequestValidationError, createValidationPipe } from '../../http/request-validation';
import { GetCheckpointRequest } from './get-checkpoint/get-checkpoint.request.dto';
import { GetConsistencyProofRequest } from './get-consistency-proof/get-consistency-proof.request.dto';
import { GetExportBundleRequest } from './get-export-bundle/get-export-bundle.request.dto';
import { GetInclusionProofRequest } from './get-inclusion-proof/get-inclusion-proof.request.dto';

type FieldError = RequestValidationError['fieldErrors'][number];

/** The field errors the global pipe answers a query with; [] when it passes. */
async function errorsOf(metatype: new () => object, query: object): Promise<FieldError[]> {
  try {
    await createValidationPipe().transform(query, { type: 'query', metatype });
    return [];
  } catch (error) {
    if (error instanceof RequestValidationError) return [...error.fieldErrors];
    throw error;
  }
}

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('audit query parameters', () => {
  it('reads decimal counts and nothing else', async () => {
    expect(await errorsOf(GetCheckpointRequest, { size: '42' })).toEqual([]);
    for (const bad of ['0', '-1', '1e3', '0x10', '01', ' 1', '1.0', '9007199254740993']) {
      expect(await errorsOf(GetCheckpointRequest, { size: bad })).toEqual([
        { field: 'size', message: 'size must be an integer of at least 1' },
      ]);
    }
    expect(await errorsOf(GetConsistencyProofRequest, { to: '2' })).toEqual([
      { field: 'from', message: 'from is required' },
    ]);
  });

  it('takes exactly one of eventId and leafIndex', async () => {
    expect(await errorsOf(GetInclusionProofRequest, { eventId: ID })).toEqual([]);
    expect(await errorsOf(GetInclusionProofRequest, { leafIndex: '0', treeSize: '1' })).toEqual([]);
    for (const query of [{}, { eventId: ID, leafIndex: '0' }]) {
      expect(await errorsOf(GetInclusionProofRequest, query)).toEqual([
        { field: 'eventId', message: 'give exactly one of eventId and leafIndex' },
        { field: 'leafIndex', message: 'give exactly one of eventId and leafIndex' },
      ]);
    }
    expect(await errorsOf(GetInclusionProofRequest, { eventId: 'nope' })).toEqual([
      { field: 'eventId', message: 'eventId must be a UUID' },
    ]);
  });

  it('refuses a parameter given twice and one it does not know', async () => {
    expect(await errorsOf(GetInclusionProofRequest, { leafIndex: ['1', '2'] })).toEqual([
      { field: 'leafIndex', message: 'leafIndex must be an integer of at least 0' },
    ]);
    expect(await errorsOf(GetInclusionProofRequest, { leafIndex: '1', size: '2' })).toEqual([
      { field: 'size', message: 'property size should not exist' },
    ]);
  });
});

describe('export query parameters', () => {
  it('takes a subject or a range, with any offset', async () => {
    expect(await errorsOf(GetExportBundleRequest, { subjectId: ID.toUpperCase() })).toEqual([]);
    expect(
      await errorsOf(GetExportBundleRequest, {
        from: '2026-07-01T00:00:00+02:00',
        to: '2026-07-01T00:00:00Z',
      }),
    ).toEqual([]);
    const message = 'give either subjectId, or from and/or to';
    expect(await errorsOf(GetExportBundleRequest, {})).toEqual(
      ['subjectId', 'from', 'to'].map((field) => ({ field, message })),
    );
    expect(
      await errorsOf(GetExportBundleRequest, { subjectId: ID, to: '2026-07-01T00:00:00Z' }),
    ).toEqual(['subjectId', 'from', 'to'].map((field) => ({ field, message })));
  });

  it.each([
    ['a day that does not exist', '2026-02-30T00:00:00Z'],
    ['hour 24', '2026-06-01T24:00:00Z'],
    ['no offset', '2026-06-01T00:00:00'],
    ['a date only', '2026-06-01'],
  ])('refuses %s rather than guess the time', async (_case, from) => {
    expect(await errorsOf(GetExportBundleRequest, { from })).toEqual([
      { field: 'from', message: 'from must be an RFC 3339 date-time, e.g. 2026-06-01T00:00:00Z' },
    ]);
  });

  it('wants from before to, and a subject id that is a UUID', async () => {
    expect(
      await errorsOf(GetExportBundleRequest, {
        from: '2026-07-01T00:00:00Z',
        to: '2026-07-01T02:00:00+02:00',
      }),
    ).toEqual([{ field: 'from', message: 'from must lie before to' }]);
    expect(await errorsOf(GetExportBundleRequest, { subjectId: 'not-a-uuid' })).toEqual([
      { field: 'subjectId', message: 'subjectId must be a UUID' },
    ]);
  });
});
