import { asDeliveryState, deliveryOf } from './delivery-row';

const delivery = {
  deliveryId: 'd-1',
  tenantId: 't-1',
  subjectId: 's-1',
  erasureId: 'e-1',
  recipient: 'crm',
  createdAt: 1_700_000_000_000,
  state: 'failing',
  attempts: 2,
  nextAttemptAt: 1_700_000_060_000,
  lastAttemptAt: 1_700_000_030_000,
  lastStatus: 502,
  lastError: null,
};

const text = {
  delivery_id: 'd-1',
  tenant_id: 't-1',
  subject_id: 's-1',
  erasure_id: 'e-1',
  recipient: 'crm',
  state: 'failing',
  last_error: null,
};

describe('a delivery row of either database', () => {
  it('reads PostgreSQL (BIGINT as text) and SQLite (integers as bigints) alike', () => {
    const postgres = {
      ...text,
      created_at: '1700000000000',
      attempts: 2,
      next_attempt_at: '1700000060000',
      last_attempt_at: '1700000030000',
      last_status: 502,
    };
    const sqlite = {
      ...text,
      created_at: 1_700_000_000_000n,
      attempts: 2n,
      next_attempt_at: 1_700_000_060_000n,
      last_attempt_at: 1_700_000_030_000n,
      last_status: 502n,
    };
    expect(deliveryOf(postgres)).toEqual(delivery);
    expect(deliveryOf(sqlite)).toEqual(delivery);
  });

  it('refuses a state no delivery has', () => {
    expect(asDeliveryState('delivered')).toBe('delivered');
    expect(() => asDeliveryState('lost')).toThrow(TypeError);
  });
});
