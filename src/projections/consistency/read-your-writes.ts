import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../../config';
import type { GlobalPosition } from '../../event-store/event-store.port';
import { START } from '../../event-store/event-store.port';
import { ProblemException, PROBLEM_TYPES } from '../../http';
import { ProjectorHost } from '../projector-host';

/** Seconds a client should wait before asking again after a consistency timeout. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Read-your-writes over asynchronous projections (Zanzibar's zookies): a command answers
 * with the global position it reached; a read that brings it back waits, up to
 * READ_YOUR_WRITES_TIMEOUT_MS, until the projections it reads from have applied it.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly projector: ProjectorHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolves once `projections` have reached `token` (at once without a token); 503 otherwise. */
  async reach(token: GlobalPosition | undefined, projections: readonly string[]): Promise<void> {
    if (token === undefined) return;
    const timeoutMs = this.config.readYourWritesTimeoutMs;
    if (await this.projector.waitForPosition(token, timeoutMs, projections)) return;
    throw new ProblemException({
      type: PROBLEM_TYPES.consistencyTimeout,
      title: 'Consistency token not reached in time',
      status: 503,
      detail: `the read model has not reached position ${token} within ${timeoutMs} ms; retry shortly`,
      extensions: { consistencyToken: token.toString(), timeoutMs },
      headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
    });
  }

  /**
   * Where a projection stands now. Read before the rows, so an answer reflects at least
   * every event up to it (a batch committed meanwhile may add more, never less).
   */
  positionOf(projection: string): GlobalPosition {
    return this.projector.states().find((state) => state.name === projection)?.position ?? START;
  }
}
