import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProjectionsModule } from '../projections';
import { HealthController } from './health.controller';
import { ReadinessHealth } from './readiness.health';

@Module({
  // Failed checks are answered as problems by the controller; Terminus's own error log
  // would repeat them on every probe while the service starts.
  imports: [TerminusModule.forRoot({ logger: false }), ProjectionsModule],
  controllers: [HealthController],
  providers: [ReadinessHealth],
})
export class HealthModule {}
