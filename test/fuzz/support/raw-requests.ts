import fc from 'fast-check';
import type { Operation } from './fuzz-target';
import { hostileJsonText, hostilePathValue } from './hostile-values';

/** Bytes for a raw socket, and whether the server owes an answer to them. */
export interface RawFuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly bytes: Buffer;
  /**
   * False when the request declares more body than it sends and the client then hangs up:
   * the server may rightly drop it unanswered.
   */
  readonly expectsAnswer: boolean;
}

const TOKEN_METHODS = [
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'CONNECT',
];

/**
 * Requests only a raw socket can send, because every client library (and `inject()`) would
 * refuse or normalise them: bytes that are not percent-encoded in the target, control
 * characters, broken header lines, oversized headers, conflicting or lying lengths, bad
 * chunking and odd HTTP versions.
 */
export function rawFuzzRequest(operations: readonly Operation[]): fc.Arbitrary<RawFuzzRequest> {
  return fc
    .record({
      operation: fc.constantFrom(...operations),
      method: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...TOKEN_METHODS) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('G@T', 'get', 'GE T', '', 'PRI', 'M-SEARCH', 'X'.repeat(40)),
        },
      ),
      target: rawTarget(),
      version: fc.oneof(
        { weight: 8, arbitrary: fc.constant('HTTP/1.1') },
        {
          weight: 1,
          arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1x', 'HTTP/1', '', 'http/1.1'),
        },
      ),
      headers: fc.array(rawHeader(), { maxLength: 4 }),
      oversized: fc.oneof(
        { weight: 15, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 9_000, max: 40_000 }) },
      ),
      body: fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: hostileJsonText },
        { weight: 1, arbitrary: fc.constant('{"appSubjectId":"raw","residency":"row"}') },
      ),
      framing: fc.constantFrom(
        'length',
        'length',
        'short',
        'long',
        'chunked',
        'bad-chunked',
        'both',
        'none',
      ),
    })
    .map(({ operation, method, target, version, headers, oversized, body, framing }) => {
      const path = operation.path.replace(/\{[^}]+\}/g, () => target.param);
      const lines = [
        `${method} ${path}${target.tail} ${version}`.trimEnd(),
        'Host: 127.0.0.1',
        'Connection: close',
        ...headers,
        ...(oversized > 0 ? [`X-Pad: ${'p'.repeat(oversized)}`] : []),
      ];
      const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
      const { framingLines, framed, complete } = frame(payload, framing);
      if (payload.length > 0 || framing !== 'none') lines.push('Content-Type: application/json');
      const head = Buffer.from(`${[...lines, ...framingLines].join('\r\n')}\r\n\r\n`, 'latin1');
      return { method, path, bytes: Buffer.concat([head, framed]), expectsAnswer: complete };
    });
}

function frame(
  payload: Buffer,
  framing: string,
): { framingLines: string[]; framed: Buffer; complete: boolean } {
  switch (framing) {
    case 'length':
      return {
        framingLines: [`Content-Length: ${payload.length}`],
        framed: payload,
        complete: true,
      };
    case 'short':
      // The rest reads as a second, garbage request; the first is answered.
      return {
        framingLines: [`Content-Length: ${Math.floor(payload.length / 2)}`],
        framed: payload,
        complete: true,
      };
    case 'long':
      return {
        framingLines: [`Content-Length: ${payload.length + 10}`],
        framed: payload,
        complete: false,
      };
    case 'chunked':
      return {
        framingLines: ['Transfer-Encoding: chunked'],
        framed: Buffer.concat([
          Buffer.from(`${payload.length.toString(16)}\r\n`),
          payload,
          Buffer.from('\r\n0\r\n\r\n'),
        ]),
        complete: true,
      };
    case 'bad-chunked':
      return {
        framingLines: ['Transfer-Encoding: chunked'],
        framed: Buffer.from('zz\r\nxx\r\n0\r\n\r\n'),
        complete: true,
      };
    case 'both':
      return {
        framingLines: [`Content-Length: ${payload.length}`, 'Transfer-Encoding: chunked'],
        framed: payload,
        complete: true,
      };
    default:
      return { framingLines: [], framed: Buffer.alloc(0), complete: true };
  }
}

function rawTarget(): fc.Arbitrary<{ param: string; tail: string }> {
  const rawParam = fc.oneof(
    hostilePathValue,
    fc
      .uint8Array({ minLength: 1, maxLength: 12 })
      .map((bytes) => Buffer.from(bytes).toString('latin1')),
    fc.constantFrom('é', '\u00ff', 'a b', 'a\tb', '\u0000', '<>', '"', '\\', '{}', '|', '^', '`'),
    fc.integer({ min: 2_000, max: 20_000 }).map((length) => 'x'.repeat(length)),
  );
  const tail = fc.oneof(
    { weight: 4, arbitrary: fc.constant('') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?%ZZ',
        '?a=%E0%A4%A',
        '?a=\u00e9',
        '?a b',
        '#frag',
        '?&&==',
        '?a=1&a=2',
      ),
    },
  );
  return fc.record({ param: rawParam, tail });
}

function rawHeader(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      'X-Request-Id: ../../etc',
      'Idempotency-Key: \u00e9\u00e9',
      'Authorization: Bearer \u00ff',
      'Authorization: Bearer',
      'If-Match: "x"',
      'X-Consistency-Token: 99999999999999999999',
      'Content-Type: text/plain',
      'Content-Length: -1',
      'Content-Length: 1, 2',
      'Expect: 100-continue',
      'Host: other',
      'no-colon-here',
      ' leading-space: x',
      'Bad Name: x',
      'X-Nul: a\u0000b',
      'X-Cr: a\rb',
      ': empty-name',
    ),
    fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 10 }),
        fc.string({ unit: 'binary-ascii', maxLength: 20 }),
      )
      .map(([name, value]) => `${name}: ${value}`),
  );
}
