import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { LOOKUP_SECRET } from '../keys';
import type { ReadStore } from '../read-store/read-store.port';
import { READ_STORE } from '../read-store';
import { IDEMPOTENCY_SECRET } from './idempotency.tokens';
import { IdempotencyStore } from './idempotency-store';

/** Idempotency-Key handling for every route marked `@Idempotent()`. */
@Global()
@Module({
  providers: [
    {
      provide: IdempotencyStore,
      inject: [READ_STORE],
      useFactory: (readStore: ReadStore) => new IdempotencyStore(readStore),
    },
    // The keyed digests reuse the pseudonym-lookup secret: both exist to keep guessable
    // personal data out of stored hashes, and neither is ever shown to anyone.
    { provide: IDEMPOTENCY_SECRET, useExisting: LOOKUP_SECRET },
  ],
  // `@Idempotent()` binds the interceptor in the module of each controller that uses it;
  // Nest builds it there, so what it injects must be visible from every module.
  exports: [IdempotencyStore, IDEMPOTENCY_SECRET],
})
export class IdempotencyModule implements OnModuleInit {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  async onModuleInit(): Promise<void> {
    await this.store.setup();
  }
}
