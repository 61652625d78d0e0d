import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isUuid } from '../shared/ids/uuid';
import { parseRfc3339 } from '../shared/time/rfc3339';

/*
 * class-validator rules for query and path parameters, which arrive as text. Each lets an
 * absent parameter pass, so that a rule naming several parameters (`OneKindOf`) can sit on
 * a parameter that was left out without the format rules beside it firing too; `IsDefined`
 * makes a parameter required.
 */

/** Plain decimal digits: no sign, exponent, leading zero or blank, so "1e3" is no count. */
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The count a parameter spells, or undefined when it spells none. */
function countOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DECIMAL.test(value)) return undefined;
  const count = Number(value);
  return Number.isSafeInteger(count) ? count : undefined;
}

/** A decimal count of at least `min`. */
export const IsCount = (min: number): PropertyDecorator =>
  ValidateBy({
    name: 'isCount',
    constraints: [min],
    validator: {
      validate: (value: unknown) => value === undefined || (countOf(value) ?? -1) >= min,
      defaultMessage: ({ property }: ValidationArguments) =>
        `${property} must be an integer of at least ${min}`,
    },
  });

/** A UUID in either case. */
export const IsUuidText = (): PropertyDecorator =>
  ValidateBy({
    name: 'isUuidText',
    validator: {
      validate: (value: unknown) =>
        value === undefined || (typeof value === 'string' && isUuid(value)),
      defaultMessage: ({ property }: ValidationArguments) => `${property} must be a UUID`,
    },
  });

/** An RFC 3339 date-time with an offset (src/shared/time/rfc3339.ts), never a guess. */
export const IsRfc3339 = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isRfc3339',
      validator: {
        validate: (value: unknown) => value === undefined || instantOf(value) !== undefined,
        defaultMessage: ({ property }: ValidationArguments) =>
          `${property} must be an RFC 3339 date-time, e.g. 2026-06-01T00:00:00Z`,
      },
    },
    options,
  );

/** Before the date-time of parameter `later`; checked only once both are valid date-times. */
export const IsBefore = (later: string): PropertyDecorator =>
  ValidateBy({
    name: 'isBefore',
    constraints: [later],
    validator: {
      validate: (value: unknown, { object }: ValidationArguments) => {
        const start = instantOf(value);
        const end = instantOf((object as Record<string, unknown>)[later]);
        return start === undefined || end === undefined || start < end;
      },
      defaultMessage: ({ property }: ValidationArguments) => `${property} must lie before ${later}`,
    },
  });

/**
 * Exactly one of `kinds` is given, a kind being given when any of its parameters is. Put it
 * on every parameter of every kind: the problem then names each of them, as the caller has
 * to change one of them.
 */
export const OneKindOf = (
  kinds: readonly (readonly string[])[],
  message: string,
): PropertyDecorator =>
  ValidateBy(
    {
      name: 'oneKindOf',
      constraints: [kinds],
      validator: {
        validate: (_value: unknown, { object }: ValidationArguments) => {
          const given = (name: string) => (object as Record<string, unknown>)[name] !== undefined;
          return kinds.filter((kind) => kind.some(given)).length === 1;
        },
      },
    },
    { message },
  );

function instantOf(value: unknown): number | undefined {
  return typeof value === 'string' ? parseRfc3339(value) : undefined;
}
