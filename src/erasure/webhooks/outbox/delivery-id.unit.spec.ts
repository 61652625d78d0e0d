import { deliveryIdOf } from './delivery-id';

describe('deliveryIdOf', () => {
  it('is a UUID that depends only on the notification event id', () => {
    const id = deliveryIdOf('0b3c6a4e-1111-4222-8333-444455556666');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deliveryIdOf('0b3c6a4e-1111-4222-8333-444455556666')).toBe(id);
    expect(deliveryIdOf('0b3c6a4e-1111-4222-8333-444455556667')).not.toBe(id);
  });
});
