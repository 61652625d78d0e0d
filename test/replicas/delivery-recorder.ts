import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook request as the processor saw it: from its arrival until it was answered. */
export interface DeliveryAttempt {
  readonly webhookId: string;
  readonly erasureId: string | undefined;
  readonly arrivedAt: number;
  answeredAt: number | undefined;
}

/**
 * A processor's webhook endpoint on 127.0.0.1 that holds every request for `holdMs` before
 * answering 200, so two replicas sending the same delivery at the same time would show as
 * overlapping attempts with one `webhook-id`.
 */
export class DeliveryRecorder {
  readonly attempts: DeliveryAttempt[] = [];
  private readonly server: Server;

  constructor(holdMs: number) {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const attempt: DeliveryAttempt = {
          webhookId: String(request.headers['webhook-id']),
          erasureId: erasureIdOf(Buffer.concat(chunks).toString('utf8')),
          arrivedAt: performance.now(),
          answeredAt: undefined,
        };
        this.attempts.push(attempt);
        setTimeout(() => {
          attempt.answeredAt = performance.now();
          response.writeHead(200).end();
        }, holdMs);
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/erasures`;
  }

  /** Erasures at least one attempt was about. */
  erasuresSeen(): Set<string> {
    return new Set(this.attempts.flatMap((a) => (a.erasureId ? [a.erasureId] : [])));
  }

  /** Pairs of attempts with one webhook-id whose times overlap: a delivery sent twice at once. */
  overlapping(): [DeliveryAttempt, DeliveryAttempt][] {
    const byId = Map.groupBy(this.attempts, (attempt) => attempt.webhookId);
    const overlaps: [DeliveryAttempt, DeliveryAttempt][] = [];
    for (const attempts of byId.values()) {
      const inOrder = [...attempts].sort((a, b) => a.arrivedAt - b.arrivedAt);
      for (let i = 1; i < inOrder.length; i++) {
        const earlier = inOrder[i - 1]!;
        const later = inOrder[i]!;
        if (earlier.answeredAt === undefined || later.arrivedAt < earlier.answeredAt) {
          overlaps.push([earlier, later]);
        }
      }
    }
    return overlaps;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function erasureIdOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { data?: { erasureId?: string } }).data?.erasureId;
  } catch {
    return undefined;
  }
}
