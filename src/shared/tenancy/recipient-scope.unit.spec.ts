import type { Caller } from './caller';
import {
  EVERY_RECIPIENT,
  maySeeRecipient,
  oneRecipient,
  recipientsVisibleTo,
} from './recipient-scope';

const caller = (recipientScope: Caller['recipientScope']): Caller => ({
  tenantId: 'acme',
  mayBackdate: false,
  recipientScope,
});

describe('which recipients a caller may see', () => {
  it('a processor credential sees its own recipient only', () => {
    const processor = caller(oneRecipient('map-provider-row'));
    expect(recipientsVisibleTo(processor)).toEqual({
      kind: 'one-recipient',
      recipient: 'map-provider-row',
    });
    expect(maySeeRecipient(processor, 'map-provider-row')).toBe(true);
    expect(maySeeRecipient(processor, 'first-party-row')).toBe(false);
  });

  it('every other caller sees every recipient', () => {
    const tenantWide = caller(EVERY_RECIPIENT);
    expect(recipientsVisibleTo(tenantWide)).toEqual({ kind: 'every-recipient' });
    expect(maySeeRecipient(tenantWide, 'first-party-row')).toBe(true);
  });
});
