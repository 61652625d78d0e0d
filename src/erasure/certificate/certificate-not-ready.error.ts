/**
 * No certificate can be issued yet. `not-completed`: the request is still open (a state
 * only the workflow can change: 409). `pending`: it is completed, but the shredding, the
 * audit log or a signed checkpoint has not caught up with the completion yet (503 with
 * Retry-After: the signer signs every CHECKPOINT_EVERY_EVENTS events or _MS ms).
 */
export class CertificateNotReadyError extends Error {
  override readonly name = 'CertificateNotReadyError';
  constructor(
    readonly reason: 'not-completed' | 'pending',
    message: string,
    readonly retryAfterSeconds = 1,
  ) {
    super(message);
  }
}
