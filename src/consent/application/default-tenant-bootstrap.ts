import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../../config';
import type { EventStore } from '../../event-store/event-store.port';
import { EVENT_STORE, decideAndAppend } from '../../event-store';
import type { PolicyDocument } from '../domain/policy/policy-document';
import { policyDecider } from '../domain/policy/policy.decider';
import { decodePolicyEvent } from '../domain/policy/policy-event-decoder';
import droneAppPolicy from '../policies/drone-app.policy.json';
import { CLOCK, type Clock } from '../../shared/time/clock';
import { deterministicEventId } from '../../shared/ids/deterministic-event-id';
import { policyStream } from '../../shared/tenancy/stream-names';

/**
 * The embedded set-up works out of the box: on first start the default tenant gets the
 * example drone-app policy. Deterministic event ids make two replicas starting at once
 * append it once; a tenant that already has a policy is left alone.
 */
@Injectable()
export class DefaultTenantBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(DefaultTenantBootstrap.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { defaultTenant, seedExamplePolicy } = this.config.consent;
    if (!seedExamplePolicy) return;
    const stream = policyStream(defaultTenant);
    const existing = await this.store.readStream(stream, { maxCount: 1 });
    if (existing.length > 0) return;
    // One clock reading for both: a millisecond between two would make "now" the past.
    const now = this.clock.now();
    const result = await decideAndAppend(
      this.store,
      policyDecider,
      stream,
      {
        type: 'publish-policy',
        tenantId: defaultTenant,
        policy: droneAppPolicy as PolicyDocument,
        effectiveFrom: new Date(now).toISOString(),
        clock: { now, maxClockSkewMs: 0, mayBackdate: false },
      },
      {
        decode: decodePolicyEvent,
        eventId: (index) =>
          deterministicEventId(defaultTenant, 'bootstrap-example-policy', stream, index),
        metadata: { tenantId: defaultTenant },
      },
    );
    if (!result.replayed) {
      this.logger.log(`published the example drone-app policy for tenant "${defaultTenant}"`);
    }
  }
}
