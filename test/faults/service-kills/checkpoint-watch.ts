import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectionLost } from '../../support/command-load';
import type { HttpTarget } from '../../support/http-target';

/**
 * Reads the latest signed checkpoint every `everyMs` while the service is killed and
 * restarted, as an auditor polling the log would, and keeps every distinct note it saw.
 */
export class CheckpointWatch {
  readonly notes = new Set<string>();
  private stopping = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly target: HttpTarget,
    private readonly everyMs = 300,
  ) {
    this.loop = this.watch();
  }

  /**
   * Resolves once a checkpoint not seen before is published, so that checkpoints from many
   * lives of the service are checked after the kills. The bound only catches a signer that
   * stopped signing.
   */
  async untilNewCheckpoint(boundMs = 60_000): Promise<void> {
    const seen = this.notes.size;
    const deadline = Date.now() + boundMs;
    while (this.notes.size === seen) {
      if (Date.now() > deadline) {
        throw new Error(`no new checkpoint was published within ${boundMs} ms`);
      }
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  private async watch(): Promise<void> {
    while (!this.stopping) {
      try {
        const answer = await this.target.get('/v1/audit/checkpoint');
        if (answer.statusCode === 200) this.notes.add(answer.body);
      } catch (error) {
        // The service is down between a kill and its restart.
        if (!(error instanceof ConnectionLost)) throw error;
      }
      await sleep(this.everyMs);
    }
  }
}
