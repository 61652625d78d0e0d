import { Socket } from 'node:net';

export interface Dial {
  readonly address: string;
  readonly port: number;
}

/**
 * Records every TCP connection this process attempts, by the address it actually dials
 * (Node's `connectionAttempt` event, emitted after any lookup, for every address tried):
 * installed around a test, it shows where the service would have sent anything.
 */
export class DialRecorder {
  readonly dials: Dial[] = [];
  private original: Socket['connect'] | undefined;

  install(): void {
    if (this.original) return;
    const original = Socket.prototype.connect;
    const dials = this.dials;
    this.original = original;
    const recording = function (this: Socket, ...args: unknown[]): Socket {
      this.on('connectionAttempt', (address: string, port: number) => {
        dials.push({ address, port });
      });
      return (original as (...a: unknown[]) => Socket).apply(this, args);
    };
    Socket.prototype.connect = recording;
  }

  uninstall(): void {
    if (this.original) Socket.prototype.connect = this.original;
    this.original = undefined;
  }
}
