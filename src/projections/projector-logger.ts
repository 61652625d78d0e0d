/**
 * How the projector reports what it does. It logs through this callback only, so the
 * service decides where lines go. Entries carry names, positions, event ids and types —
 * never event data, which may hold personal data.
 */
export type ProjectorLogger = (entry: ProjectorLogEntry) => void;

export interface ProjectorLogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly projection?: string;
  /** Global position, as a decimal string. */
  readonly position?: string;
  readonly eventId?: string;
  readonly eventType?: string;
  readonly error?: unknown;
}

export const silentProjectorLogger: ProjectorLogger = () => undefined;
