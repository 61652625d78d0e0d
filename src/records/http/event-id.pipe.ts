import { Injectable, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';

/** An event id from the path: a UUID (400 otherwise), lower-cased as ids are stored. */
@Injectable()
export class EventIdPipe implements PipeTransform<string, Promise<string>> {
  private readonly uuid = new ParseUUIDPipe();

  async transform(value: string): Promise<string> {
    const checked = await this.uuid.transform(value, { type: 'param', data: 'eventId' });
    return String(checked).toLowerCase();
  }
}
