import { Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../../../http';

export const KEY_ID = /^[0-9a-f]{16}$/;

/** A key id from the path: 16 lower-case hex digits, 400 otherwise. */
@Injectable()
export class ApiKeyIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!KEY_ID.test(value)) {
      throw new RequestValidationError([
        { field: 'keyId', message: 'keyId must be 16 lower-case hexadecimal digits' },
      ]);
    }
    return value;
  }
}
