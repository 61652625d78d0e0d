/**
 * The public face of src/event-store: what other modules may import. Everything else in
 * this folder is internal (docs/architecture.md; dependency-cruiser rule `only-through-index`).
 */
export { AppendSignal } from './append-signal';
export { decideAndAppend } from './decide-and-append';
export type { DecideResult } from './decide-and-append';
export { eventRedactionOf } from './event-redaction';
export type { RedactEvent } from './event-redaction';
export {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  EventTooLargeError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from './event-store.errors';
export { EventStoreModule } from './event-store.module';
export { EVENT_STORE } from './event-store.token';
export { appRoleGrants } from './postgres/app-role-grants';
export { DEFAULT_SCHEMA } from './postgres/postgres-schema-name';
export { storedEventRowOf, toRecordedEvent } from './stored-event-row';
