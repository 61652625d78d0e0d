import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parseRfc3339 } from '../../shared/time/rfc3339';

/**
 * A DTO field holding an RFC 3339 date-time with an offset, judged by the one parser of
 * instants given as text (docs/adr/0030): class-validator's ISO 8601 check would also let
 * through an instant without an offset, which `Date.parse` reads in the server's time zone.
 */
export function IsRfc3339Instant(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRfc3339Instant',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseRfc3339(value) !== undefined,
      },
    },
    options,
  );
}
