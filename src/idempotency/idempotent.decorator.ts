import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENT = 'consent-ledger:idempotent';

/**
 * Marks a route that changes something: it requires an Idempotency-Key, and a retry with
 * the same key and body replays the first response instead of acting again.
 */
export const Idempotent = (): MethodDecorator => SetMetadata(IDEMPOTENT, true);
