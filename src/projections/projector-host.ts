import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Registry } from 'prom-client';
import type { EventStore, GlobalPosition } from '../event-store/event-store.port';
import { EVENT_STORE } from '../event-store';
import type { ReadStore } from '../read-store/read-store.port';
import { READ_STORE } from '../read-store';
import type { Projection } from './projection';
import type { ProjectionRunState } from './projection-runner';
import type { ProjectionStatus, ProjectionStatusSource } from './projection-status';
import { ProjectorNotStartedError } from './projection.errors';
import { PROJECTIONS } from './projections.token';
import { Projector } from './projector';
import type { ProjectorLogEntry } from './projector-logger';
import type { ProjectorSettings } from './projector-settings';
import type { ServingStatus, ServingStatusSource } from './serving-status';

type ProgressListener = NonNullable<ProjectorSettings['onProgress']>;

/**
 * The projector's place in the Nest application: built when the application boots, from
 * every `PROJECTIONS` provider of every module, and stopped before shutdown so no batch is
 * cut short and no waiting request hangs. Inject it to wait for a position (read-your-
 * writes) or to rebuild a projection.
 */
@Injectable()
export class ProjectorHost
  implements
    ProjectionStatusSource,
    ServingStatusSource,
    OnApplicationBootstrap,
    BeforeApplicationShutdown,
    OnApplicationShutdown
{
  private readonly logger = new Logger('Projector');
  private projector: Projector | undefined;
  private readonly progressListeners = new Set<ProgressListener>();

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly registry: Registry,
    private readonly discovery: DiscoveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.projector = new Projector({
      eventStore: this.eventStore,
      readStore: this.readStore,
      projections: this.registeredProjections(),
      registry: this.registry,
      log: (entry) => this.write(entry),
      settings: {
        onProgress: (name, position, applied) => {
          for (const listener of this.progressListeners) listener(name, position, applied);
        },
      },
    });
    await this.projector.start();
  }

  /** Runs before the HTTP server closes: pending waits are answered, batches finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
  }

  /** Runs after in-flight requests are done, so no query loses its connection. */
  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
  }

  statuses(): Promise<ProjectionStatus[]> {
    return this.projector ? this.projector.statuses() : Promise.resolve([]);
  }

  states(): ProjectionRunState[] {
    return this.projector?.states() ?? [];
  }

  /** The projector's latest background measurement, for `/ready`: costs no query. */
  servingStatus(): ServingStatus | undefined {
    return this.projector?.servingStatus();
  }

  waitForPosition(
    position: GlobalPosition,
    timeoutMs: number,
    names?: readonly string[],
  ): Promise<boolean> {
    if (!this.projector) return Promise.resolve(false);
    return this.projector.waitForPosition(position, timeoutMs, names);
  }

  /**
   * Calls `listener` with a projection's name and position whenever that position moves:
   * after a batch committed here, or when another replica's progress was read from the store.
   * Returns the function that stops the calls.
   */
  watch(listener: (name: string, position: GlobalPosition) => void): () => void {
    const wrapped: ProgressListener = (name, position) => listener(name, position);
    this.progressListeners.add(wrapped);
    return () => this.progressListeners.delete(wrapped);
  }

  /**
   * `onProgress` is told the position the rebuild reached and the events it just applied,
   * after every batch (a progress bar, say). `alone` pauses the other projections meanwhile.
   */
  async rebuild(
    name: string,
    onProgress?: (position: GlobalPosition, applied: number) => void,
    options: { readonly alone?: boolean } = {},
  ): Promise<void> {
    if (!this.projector) throw new ProjectorNotStartedError();
    const listener: ProgressListener = (projection, position, applied) => {
      if (projection === name) onProgress?.(position, applied);
    };
    this.progressListeners.add(listener);
    try {
      await this.projector.rebuild(name, options);
    } finally {
      this.progressListeners.delete(listener);
    }
  }

  private registeredProjections(): Projection[] {
    return this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.token === PROJECTIONS && wrapper.isDependencyTreeStatic())
      .flatMap((wrapper): Projection[] => {
        const registered: unknown = wrapper.instance;
        return Array.isArray(registered)
          ? (registered as Projection[])
          : [registered as Projection];
      });
  }

  private write(entry: ProjectorLogEntry): void {
    const { level, message, error, ...fields } = entry;
    const line = { msg: message, ...fields, ...(error === undefined ? {} : { err: error }) };
    if (level === 'error') this.logger.error(line);
    else if (level === 'warn') this.logger.warn(line);
    else if (level === 'info') this.logger.log(line);
    else this.logger.debug(line);
  }
}
