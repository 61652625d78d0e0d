/** How far one projection has read the global feed, for `/ready` and the lag metrics. */
export interface ProjectionStatus {
  readonly name: string;
  /** Global position of the last event the projection applied (as a decimal string). */
  readonly position: string;
  /** Events in the feed the projection has not applied yet. */
  readonly lagEvents: number;
  /** Age of the oldest event the projection has not applied yet; 0 when caught up. */
  readonly lagSeconds: number;
  readonly caughtUp: boolean;
  /** Stopped by an error, or superseded by a newer version elsewhere: it will not catch up. */
  readonly halted: boolean;
}

export interface ProjectionStatusSource {
  statuses(): Promise<ProjectionStatus[]>;
}

/** Nest injection token for the `ProjectionStatusSource`. */
export const PROJECTION_STATUS = Symbol('ProjectionStatusSource');
