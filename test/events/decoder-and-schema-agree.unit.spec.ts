import { EventDecodingError } from '../../src/shared/domain/events/event-decoding-error';
import { ajvWithEventSchemas, eventSchemaId } from '../support/event-schemas';
import { EVENT_STREAMS, encode } from './support/event-streams';

/** Stands in for a personal value: no error message may repeat it. */
const SENTINEL = 'sentinel-personal-value';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Mutation {
  readonly what: string;
  /** The field the decoder must name (or a field that contains it). */
  readonly path: string;
  readonly data: Json;
}

/** The same JSON value with one value at `at` replaced (or removed, for `undefined`). */
function replaced(value: Json, at: readonly (string | number)[], by: Json | undefined): Json {
  if (at.length === 0) return by ?? null;
  const [head, ...rest] = at;
  if (Array.isArray(value)) {
    return value.map((item, i) => (i === head ? replaced(item, rest, by) : item));
  }
  const copy = { ...(value as Record<string, Json>) };
  if (rest.length === 0 && by === undefined) delete copy[head!];
  else copy[head!] = replaced(copy[head!]!, rest, by);
  return copy;
}

/** A value of another JSON type; strings become a number, the rest the sentinel string. */
function wrongType(value: Json): Json {
  return typeof value === 'string' ? 42 : SENTINEL;
}

function pathText(at: readonly (string | number)[]): string {
  return at.map((key, i) => (typeof key === 'number' ? `[${key}]` : i ? `.${key}` : key)).join('');
}

/** Every single-field mutation of an event: each field removed, each value of a wrong type. */
function mutations(root: Json): Mutation[] {
  const found: Mutation[] = [];
  const visit = (value: Json, at: (string | number)[]): void => {
    if (at.length > 0) {
      const path = pathText(at);
      found.push({
        what: `${path} of a wrong type`,
        path,
        data: replaced(root, at, wrongType(value)),
      });
      if (typeof at[at.length - 1] === 'string') {
        found.push({ what: `${path} missing`, path, data: replaced(root, at, undefined) });
      }
    }
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...at, i]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...at, key]);
    }
  };
  visit(root, []);
  for (const version of [0, 2, '1']) {
    found.push({
      what: `schemaVersion ${JSON.stringify(version)}`,
      path: 'schemaVersion',
      data: replaced(root, ['schemaVersion'], version),
    });
  }
  return found;
}

const ajv = ajvWithEventSchemas();

describe('the decoders and the schemas refuse the same mutated events (docs/adr/0032)', () => {
  describe.each(EVENT_STREAMS)('the $name stream', (stream) => {
    it.each(stream.examples.map((event, i) => [i, event.type, event] as const))(
      'example %i (%s): a mutation is refused by both or by neither',
      (_i, type, event) => {
        const validate = ajv.getSchema(eventSchemaId(type))!;
        const disagreements: string[] = [];
        let refused = 0;
        for (const mutation of mutations(encode(event))) {
          const schemaRefuses = !validate(mutation.data);
          let decoderError: unknown;
          try {
            stream.decode(mutation.data);
          } catch (error) {
            decoderError = error;
          }
          if (schemaRefuses !== (decoderError !== undefined)) {
            disagreements.push(`${mutation.what}: schema ${schemaRefuses ? 'refuses' : 'accepts'}`);
            continue;
          }
          if (decoderError === undefined) continue;
          refused++;
          expect(decoderError).toBeInstanceOf(EventDecodingError);
          const { field, stream: named, message } = decoderError as EventDecodingError;
          expect(named).toBe(stream.name);
          expect(mutation.path === field || mutation.path.startsWith(field)).toBe(true);
          expect(message).not.toContain(SENTINEL);
        }
        expect(disagreements).toEqual([]);
        expect(refused).toBeGreaterThan(3);
      },
    );
  });

  it('names the event type, the field and what it must be, and no value', () => {
    const error = captured(() =>
      EVENT_STREAMS[0]!.decode({ ...encode(EVENT_STREAMS[0]!.examples[0]!), residency: 7 }),
    );
    expect(error.message).toBe(
      'cannot decode subject event "subject-registered": residency must be a string',
    );
  });

  it('refuses an unknown type and an unknown schemaVersion by name', () => {
    const example = encode(EVENT_STREAMS[0]!.examples[0]!);
    expect(captured(() => EVENT_STREAMS[0]!.decode({ ...example, type: SENTINEL })).message).toBe(
      'cannot decode subject event "(unknown)": type must be a subject event type',
    );
    expect(captured(() => EVENT_STREAMS[0]!.decode({ ...example, schemaVersion: 2 })).message).toBe(
      'cannot decode subject event "subject-registered": schemaVersion must be one of 1',
    );
  });
});

function captured(run: () => unknown): EventDecodingError {
  try {
    run();
  } catch (error) {
    if (error instanceof EventDecodingError) return error;
    throw error;
  }
  throw new Error('expected an EventDecodingError');
}
