/** Nest injection token for the configured `EventStore` adapter. */
export const EVENT_STORE = Symbol('EventStore');
