import type { GlobalPosition } from '../../event-store/event-store.port';
import { ProblemException, PROBLEM_TYPES } from '../../http';

const DECIMAL = /^\d{1,20}$/;
const MAX_POSITION = 2n ** 64n - 1n;

/**
 * The consistency token of a read: the decimal global position a command returned, from the
 * `consistencyToken` query parameter or the `X-Consistency-Token` header. Given both, the
 * read waits for the later one. Anything that is not such a number is a 400.
 */
export function consistencyTokenOf(
  query: string | undefined,
  header: string | undefined,
): GlobalPosition | undefined {
  if (query === undefined && header === undefined) return undefined;
  const tokens = [parse(query, 'consistencyToken'), parse(header, 'X-Consistency-Token')].filter(
    (token) => token !== undefined,
  );
  return tokens.reduce<GlobalPosition | undefined>(
    (latest, token) => (latest === undefined || token > latest ? token : latest),
    undefined,
  );
}

function parse(value: string | undefined, field: string): GlobalPosition | undefined {
  if (value === undefined) return undefined;
  const token = DECIMAL.test(value) ? BigInt(value) : undefined;
  if (token === undefined || token > MAX_POSITION) {
    throw new ProblemException({
      type: PROBLEM_TYPES.invalidConsistencyToken,
      title: 'Invalid consistency token',
      status: 400,
      detail: `${field} must be the consistencyToken a command returned: a decimal position such as "42"`,
      extensions: { errors: [{ field, message: 'must be a decimal global position' }] },
    });
  }
  return token;
}
