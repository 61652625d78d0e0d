/**
 * Stored event data that does not read as the event its type names. The message names the
 * stream, the event type, the field and what was expected, never the value found: event
 * fields may hold personal data (sealed or not), and errors reach logs.
 */
export class EventDecodingError extends Error {
  override readonly name = 'EventDecodingError';
  constructor(
    /** The kind of stream, e.g. `subject`, `policy`: not a stream name, which names a subject. */
    readonly stream: string,
    /** The event type, or `(unknown)` when the `type` field itself is not one the stream knows. */
    readonly eventType: string,
    /** Path of the field, e.g. `scope.categories[2]`. */
    readonly field: string,
    readonly expected: string,
  ) {
    super(`cannot decode ${stream} event "${eventType}": ${field} must be ${expected}`);
  }
}
