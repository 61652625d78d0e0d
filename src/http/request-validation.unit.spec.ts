import { Type } from 'class-transformer';
import { IsInt, IsString, Max, ValidateNested } from 'class-validator';
import { RequestValidationError, createValidationPipe, toFieldErrors } from './request-validation';

class Address {
  @IsString()
  country!: string;
}

class Subject {
  @IsInt()
  @Max(10)
  age!: number;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

async function validate(body: unknown): Promise<unknown> {
  return createValidationPipe().transform(body, { type: 'body', metatype: Subject });
}

describe('request validation', () => {
  it('lists one entry per failed rule, with dotted paths for nested fields', async () => {
    const error = await validate({ age: 11.5, address: { country: 7 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).fieldErrors).toEqual([
      { field: 'age', message: 'age must not be greater than 10' },
      { field: 'age', message: 'age must be an integer number' },
      { field: 'address.country', message: 'country must be a string' },
    ]);
  });

  it('refuses fields the DTO does not declare', async () => {
    const error = (await validate({ age: 1, address: { country: 'NL' }, role: 'admin' }).catch(
      (e: unknown) => e,
    )) as RequestValidationError;
    expect(error.fieldErrors).toEqual([
      { field: 'role', message: 'property role should not exist' },
    ]);
  });

  it('never puts the rejected value into a message', async () => {
    const error = (await validate({ age: 'alice@example.com', address: { country: 'NL' } }).catch(
      (e: unknown) => e,
    )) as RequestValidationError;
    expect(JSON.stringify(error.fieldErrors)).not.toContain('alice');
  });

  it('returns a transformed instance for a valid body', async () => {
    await expect(validate({ age: 3, address: { country: 'NL' } })).resolves.toBeInstanceOf(Subject);
  });

  it('flattens errors without constraints to nothing', () => {
    expect(toFieldErrors([{ property: 'x', children: [] }])).toEqual([]);
  });
});
