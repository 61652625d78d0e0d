import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config';
import { APP_CONFIG } from '../config';
import { KEY_ENCRYPTION_KEYS, LOOKUP_SECRET, SUBJECT_KEYS, SUBJECT_LOOKUP } from './keys.tokens';
import { openKeys, type OpenedKeys } from './open-keys';

/** Everything is opened once, together, so the start-up checks in `openKeys` see it all. */
const OPENED_KEYS = Symbol('OpenedKeys');

/**
 * Opens the keys directory, the key store and the subject lookup at start, and closes them in
 * `onApplicationShutdown`; being global, that runs after the modules that use them.
 */
@Global()
@Module({
  providers: [
    {
      provide: OPENED_KEYS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<OpenedKeys> => openKeys(config.keys),
    },
    { provide: KEY_ENCRYPTION_KEYS, inject: [OPENED_KEYS], useFactory: (k: OpenedKeys) => k.kek },
    {
      provide: SUBJECT_KEYS,
      inject: [OPENED_KEYS],
      useFactory: (k: OpenedKeys) => k.subjectKeys,
    },
    {
      provide: SUBJECT_LOOKUP,
      inject: [OPENED_KEYS],
      useFactory: (k: OpenedKeys) => k.subjectLookup,
    },
    {
      provide: LOOKUP_SECRET,
      inject: [OPENED_KEYS],
      useFactory: (k: OpenedKeys) => k.lookupSecret,
    },
  ],
  exports: [KEY_ENCRYPTION_KEYS, SUBJECT_KEYS, SUBJECT_LOOKUP, LOOKUP_SECRET],
})
export class KeysModule implements OnApplicationShutdown {
  constructor(@Inject(OPENED_KEYS) private readonly keys: OpenedKeys) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
