import { type DynamicModule, Module } from '@nestjs/common';
import type { Clock } from '../../../src/shared/time/clock';
import { ERASURE_CLOCK } from '../../../src/erasure/erasure.module';

@Module({})
class ErasureClockModule {}

/** Puts the erasure workflow on `clock`, whether the app imports the erasure module or a test does. */
export function erasureClock(clock: Clock): DynamicModule {
  return {
    module: ErasureClockModule,
    global: true,
    providers: [{ provide: ERASURE_CLOCK, useValue: clock }],
    exports: [ERASURE_CLOCK],
  };
}
