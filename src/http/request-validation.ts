import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

interface FieldError {
  /** Dotted path of the offending field in the request body or query (`address.country`). */
  readonly field: string;
  /** What the field allows, as class-validator states it. */
  readonly message: string;
}

/** A request failed DTO validation; carries one entry per field rule that failed. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    super('The request has invalid fields; see errors for what each one allows.');
  }
}

/** Flattens class-validator's nested errors into one entry per failed constraint. */
export function toFieldErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** The global pipe: unknown fields are refused, not silently dropped, and types are converted. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The rejected value could be personal data; it never goes back into messages.
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(toFieldErrors(errors)),
  });
}
