import { Presets, SingleBar } from 'cli-progress';
import type { GlobalPosition } from '../event-store/event-store.port';

/**
 * The progress bar of one projection's rebuild on stderr: the position reached out of the
 * head the replay runs to (on the embedded and PostgreSQL stores positions count events),
 * and the events applied per second so far. Drawn only on a terminal.
 */
export class RebuildProgress {
  private readonly bar = new SingleBar(
    {
      format: '{projection} [{bar}] {percentage}% | position {value}/{total} | {rate} events/s',
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  private readonly started = process.hrtime.bigint();

  constructor(projection: string, head: GlobalPosition) {
    this.bar.start(Number(head), 0, { projection, rate: 0 });
  }

  update(position: GlobalPosition, applied: number): void {
    this.bar.update(Number(position), { rate: Math.round(applied / this.seconds()) });
  }

  stop(): void {
    this.bar.stop();
  }

  private seconds(): number {
    return Math.max(Number(process.hrtime.bigint() - this.started) / 1e9, 1e-9);
  }
}
