import { erasureRequested, registered } from '../../consent/domain/testing/event-builders';
import { MINUTE, NOW, plus } from '../../consent/domain/testing/fixtures';
import { REQUESTED_AT, completed, confirm, confirmed, notified } from './testing/erasure-builders';
import { erasureSpecification } from './testing/erasure-specification';

const spec = erasureSpecification();
const requested = [
  registered(),
  erasureRequested({ kind: 'account' }, { at: REQUESTED_AT }),
  notified('first-party-row', ['location-check'], { at: REQUESTED_AT }),
  notified('map-provider-row', ['approximate-location'], { at: REQUESTED_AT }),
];

describe('a processor confirming an erasure', () => {
  it('records the confirmation of a notified recipient, confirmed when recorded', () => {
    spec
      .given(requested)
      .when(confirm('map-provider-row'))
      .then([confirmed('map-provider-row', { confirmedAt: NOW })]);
  });

  it('records when the processor says it erased the data', () => {
    const confirmedAt = plus(NOW, -60 * MINUTE);
    spec
      .given(requested)
      .when(confirm('map-provider-row', { confirmedAt }))
      .then([confirmed('map-provider-row', { confirmedAt })]);
  });

  it('refuses a recipient that was not notified, and names the notified ones', () => {
    const refusal = spec
      .given(requested)
      .when(confirm('map-provider-cn'))
      .thenRefuses('recipient-not-notified');
    expect(refusal.message).toBe(
      'recipient "map-provider-cn" was not notified of erasure erasure-1; notified: first-party-row, map-provider-row',
    );
    expect(refusal.details).toEqual({
      field: 'recipient',
      notified: ['first-party-row', 'map-provider-row'],
    });
  });

  it('refuses any recipient while none was notified', () => {
    spec
      .given(requested.slice(0, 2))
      .when(confirm('first-party-row'))
      .thenRefuses('recipient-not-notified');
  });

  it('records nothing for a second confirmation of the same recipient', () => {
    spec
      .given([...requested, confirmed('map-provider-row')])
      .when(confirm('map-provider-row', { confirmedAt: plus(NOW, -MINUTE) }))
      .thenNothing();
  });

  it('refuses a confirmation after completion', () => {
    spec
      .given([...requested, completed([])])
      .when(confirm('map-provider-row'))
      .thenRefuses('erasure-already-completed');
  });

  it.each([
    ['in the future', plus(NOW, 10 * MINUTE)],
    ['before the request', plus(REQUESTED_AT, -1)],
  ])('refuses a confirmedAt %s', (_case, confirmedAt) => {
    const error = spec
      .given(requested)
      .when(confirm('map-provider-row', { confirmedAt }))
      .thenThrows('invalid-time');
    expect(error.details).toEqual({ field: 'confirmedAt' });
  });
});
