import { deterministicEventId } from './deterministic-event-id';
import { isUuid } from './uuid';
import { nameBasedUuid } from './name-based-uuid';

describe('nameBasedUuid', () => {
  it('gives the same version-8 UUID for the same name and another for another name', () => {
    const id = nameBasedUuid('consent-ledger/test/v1\u0000a');
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('8');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
    expect(nameBasedUuid('consent-ledger/test/v1\u0000a')).toBe(id);
    expect(nameBasedUuid('consent-ledger/test/v1\u0000b')).not.toBe(id);
  });

  it('keeps the event ids already in every ledger unchanged', () => {
    // Computed by the implementation that wrote the stored ids, before it was shared.
    expect(deterministicEventId('default', 'key-1', 'subject-default-x', 0)).toBe(
      'ec3c090e-181a-8c18-ad70-6ad86a11b1b4',
    );
  });
});
