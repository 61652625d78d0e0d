import { Inject, Injectable, Logger } from '@nestjs/common';
import { Gauge, Histogram, Registry } from 'prom-client';
import { FeedReader } from '../../feed';
import { acknowledgedAtOf, lagSeconds } from '../domain/propagation-lag';
import { recipientKey } from '../projection/acknowledgements.table';
import { PropagationReader } from '../propagation-reader';

const LAG = 'processor_acknowledgement_lag_seconds';
const UNACKNOWLEDGED = 'processor_unacknowledged_changes';

/** From a second to a month: processors acknowledge in seconds, or after days of silence. */
const LAG_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 14_400, 86_400, 604_800, 2_592_000];

/** One scrape reads the read models once. */
const SNAPSHOT_TTL_MS = 1000;

interface Unacknowledged {
  readonly tenantId: string;
  readonly recipient: string;
  readonly count: number;
}

/**
 * The propagation ledger as metrics (ADR 0044). Labels are the tenant and the recipient: a
 * recipient is a key of the tenant's policy, never personal data; no subject becomes a label.
 * The lag is observed when an acknowledgement is recorded (not by the projection, which a
 * rebuild would replay), once per closing change it newly covers.
 */
@Injectable()
export class PropagationMetrics {
  private readonly logger = new Logger(PropagationMetrics.name);
  private readonly lag: Histogram<'tenant' | 'recipient'>;
  private snapshot: { readonly at: number; readonly rows: Promise<Unacknowledged[]> } | undefined;

  constructor(
    registry: Registry,
    @Inject(FeedReader) private readonly feed: FeedReader,
    @Inject(PropagationReader) private readonly ledger: PropagationReader,
  ) {
    this.lag = new Histogram({
      name: LAG,
      help: "Seconds from a window's close (the closing change's validFrom) to the processor's acknowledgement covering it, per tenant and recipient.",
      labelNames: ['tenant', 'recipient'],
      buckets: LAG_BUCKETS,
      registers: [registry],
    });
    const load = () => this.unacknowledged();
    new Gauge({
      name: UNACKNOWLEDGED,
      help: 'Changes that closed a window for the recipient after its last acknowledgement, per tenant and recipient.',
      labelNames: ['tenant', 'recipient'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await load()) {
          this.set({ tenant: row.tenantId, recipient: row.recipient }, row.count);
        }
      },
    });
  }

  /**
   * An acknowledgement moved the recipient from `previous` to `position`: observes the lag of
   * every closing change in between. Never fails the acknowledgement it measures.
   */
  async acknowledged(
    tenantId: string,
    recipient: string,
    previous: number,
    position: number,
    acknowledgedAt: string,
  ): Promise<void> {
    try {
      const covered = await this.feed.closingChanges(tenantId, recipient, {
        after: previous,
        upTo: position,
      });
      const acknowledgements = [{ position, acknowledgedAt }];
      for (const change of covered) {
        const at = acknowledgedAtOf(change.position, acknowledgements)!;
        this.lag.observe({ tenant: tenantId, recipient }, lagSeconds(change.validFrom, at));
      }
    } catch (error) {
      this.logger.warn({ msg: 'the acknowledgement lag could not be measured', err: error });
    }
  }

  private unacknowledged(): Promise<Unacknowledged[]> {
    const at = performance.now();
    if (!this.snapshot || at - this.snapshot.at > SNAPSHOT_TTL_MS) {
      this.snapshot = { at, rows: this.load() };
    }
    return this.snapshot.rows;
  }

  /** A read model not set up yet (or unreachable) leaves the gauge empty, not /metrics broken. */
  private async load(): Promise<Unacknowledged[]> {
    try {
      const last = await this.ledger.lastPositions();
      const pairs = await this.feed.closingRecipients();
      return await Promise.all(
        pairs.map(async ({ tenantId, recipient }) => ({
          tenantId,
          recipient,
          count: await this.feed.countClosingChanges(tenantId, recipient, {
            after: last.get(recipientKey(tenantId, recipient)) ?? 0,
          }),
        })),
      );
    } catch (error) {
      this.logger.warn({ msg: 'propagation metrics could not read the read models', err: error });
      return [];
    }
  }
}
