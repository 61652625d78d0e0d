import { ValidateIf } from 'class-validator';

/**
 * An optional DTO field: it may be left out, but a value that is there, `null` included,
 * must pass the field's rules. class-validator's `@MayBeOmitted()` also waves `null` through,
 * and handlers that take "not undefined" for "given" then met `null` where a date or an
 * object belongs (`{"at": null}` reached a SQLite binding as NaN). No field of the API
 * takes `null`.
 */
export const MayBeOmitted = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
