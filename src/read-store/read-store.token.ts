/** Nest injection token for the configured `ReadStore`. */
export const READ_STORE = Symbol('ReadStore');
