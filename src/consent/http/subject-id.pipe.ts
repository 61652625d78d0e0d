import { Injectable, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';

/**
 * A subject id from the path: any UUID, answered 400 otherwise, and lower-cased — UUIDs are
 * case-insensitive (RFC 9562), stream names are not.
 */
@Injectable()
export class SubjectIdPipe implements PipeTransform<string, Promise<string>> {
  private readonly uuid = new ParseUUIDPipe();

  async transform(value: string): Promise<string> {
    const checked = await this.uuid.transform(value, { type: 'param', data: 'subjectId' });
    // ParseUUIDPipe throws on anything that is not a UUID, so `checked` is the value itself.
    return String(checked).toLowerCase();
  }
}
