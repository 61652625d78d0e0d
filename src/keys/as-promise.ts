/**
 * Runs synchronous work behind an async port: its result resolves, what it throws rejects,
 * so callers see one failure path whichever adapter sits behind the port.
 */
export function asPromise<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(isErrorLike(error) ? (error as Error) : new Error(String(error)));
  }
}

/** Not `instanceof Error`: errors made by Node core belong to another realm under Jest. */
function isErrorLike(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'message' in error;
}
