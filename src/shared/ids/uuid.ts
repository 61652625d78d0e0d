/**
 * Any UUID in its 8-4-4-4-12 hex form, of any version and in either case (RFC 9562 says
 * UUIDs are case-insensitive; callers lower-case what they store).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}
