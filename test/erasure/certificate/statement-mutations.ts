import type { JsonValue } from '../../../src/event-store/event-store.port';

export interface Mutation {
  /** JSON path of the changed field, e.g. `erasure.processors[0].confirmedAt`. */
  readonly path: string;
  readonly mutated: JsonValue;
}

/** One mutation per leaf field of a JSON value: each changes exactly that field's value. */
export function singleFieldMutations(value: JsonValue, path = ''): Mutation[] {
  if (Array.isArray(value)) {
    const dropped: Mutation[] =
      value.length > 0
        ? [{ path: `${path} (last element dropped)`, mutated: value.slice(0, -1) }]
        : [];
    return [
      ...dropped,
      ...value.flatMap((item, i) =>
        singleFieldMutations(item, `${path}[${i}]`).map((m) => ({
          path: m.path,
          mutated: value.map((other, j) => (j === i ? m.mutated : other)),
        })),
      ),
    ];
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      singleFieldMutations(item, path === '' ? key : `${path}.${key}`).map((m) => ({
        path: m.path,
        mutated: { ...value, [key]: m.mutated },
      })),
    );
  }
  return [{ path, mutated: mutatedScalar(value) }];
}

/** A different value of the same kind, still plausible (an instant one millisecond later). */
export function mutatedScalar(value: JsonValue): JsonValue {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (value === null) return '2026-01-01T00:00:00.000Z';
  if (typeof value !== 'string') throw new TypeError('not a scalar');
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)
    ? new Date(Date.parse(value) + 1).toISOString()
    : undefined;
  if (instant !== undefined) return instant;
  // Another last character: every string field changes, by one character.
  if (value === '') return 'x';
  return value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A');
}
