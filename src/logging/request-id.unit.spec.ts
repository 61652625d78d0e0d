import type { IncomingMessage } from 'node:http';
import { requestIdFor } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function requestWith(headers: IncomingMessage['headers']): IncomingMessage {
  return { headers } as IncomingMessage;
}

describe('requestIdFor', () => {
  it.each([
    ['a short token', 'abc'],
    ['all allowed characters', 'A.b_c-9'],
    ['128 characters', 'x'.repeat(128)],
    ['a UUID', '0f8fad5b-d9cb-469f-a165-70867728950e'],
  ])('keeps an incoming id that is %s', (_case, id) => {
    expect(requestIdFor(requestWith({ 'x-request-id': id }))).toBe(id);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['with a space', 'a b'],
    ['with a newline', 'a\nb'],
    ['with a quote', 'a"b'],
    ['with a slash', 'a/b'],
  ])('replaces an id that is %s with a UUID', (_case, id) => {
    const generated = requestIdFor(requestWith(id === undefined ? {} : { 'x-request-id': id }));
    expect(generated).toMatch(UUID);
  });

  it('gives each request without an id a different one', () => {
    expect(requestIdFor(requestWith({}))).not.toBe(requestIdFor(requestWith({})));
  });
});
