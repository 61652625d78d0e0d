import { setTimeout as sleep } from 'node:timers/promises';

/** One read of a tenant's registry stream, numbered in the order the reads began. */
export interface RegistryRead<State> {
  readonly state: State;
  readonly number: number;
  /** When the read began: what it shows is at least this recent. */
  readonly beganAt: number;
}

interface RefreshLimits {
  /** Least time between the beginnings of two paced reads of one tenant's registry. */
  readonly minIntervalMs: number;
  /** Most registries of tenants this replica has not read yet that are read at once. */
  readonly maxUnknownTenants: number;
}

interface ReadRequest {
  /** When this replica last read the tenant's registry; undefined for a tenant it never read. */
  readonly lastReadAt: number | undefined;
  /** A miss on a registry read moments ago is paced (see `RefreshLimits`); other reads are not. */
  readonly paced: boolean;
  /** Authentication may be refused a read of a tenant never read; an administrator may not. */
  readonly mayRefuse: boolean;
}

interface TenantReads<State> {
  running: { readonly number: number; readonly read: Promise<RegistryRead<State>> } | undefined;
  next: Promise<RegistryRead<State>> | undefined;
  lastBeganAt: number | undefined;
  readonly unknown: boolean;
}

/**
 * Reads of API-key registries on behalf of requests the cache cannot answer: a key made on
 * another replica, a registry read too long ago, or a made-up key. A request needs a read
 * that began after it arrived (`ticket`), or it could miss a key acknowledged before it was
 * sent. Requests share reads: the one running if it began late enough, otherwise the one
 * queued behind it, so each tenant has at most one read running and one waiting, and paced
 * reads of a tenant begin at least `minIntervalMs` apart. A flood of unknown keys thus costs
 * a handful of reads per second per tenant, and made-up tenants at most `maxUnknownTenants`
 * reads at once: beyond that a request is refused without a read (`undefined`).
 */
export class RegistryRefresh<State> {
  private begun = 0;
  private unknownTenants = 0;
  private readonly tenants = new Map<string, TenantReads<State>>();

  constructor(
    private readonly readStream: (tenantId: string) => Promise<State>,
    private readonly now: () => number,
    private readonly limits: RefreshLimits,
  ) {}

  /** Reads that begin after this call carry a number greater than what it returns. */
  ticket(): number {
    return this.begun;
  }

  /** A read of the tenant's registry that began after `ticket`, shared where possible. */
  readAfter(
    tenantId: string,
    ticket: number,
    request: ReadRequest,
  ): Promise<RegistryRead<State>> | undefined {
    let reads = this.tenants.get(tenantId);
    if (reads?.running && reads.running.number > ticket) return reads.running.read;
    if (reads?.next) return reads.next;
    if (!reads) {
      const unknown = request.lastReadAt === undefined;
      if (unknown && request.mayRefuse && this.unknownTenants >= this.limits.maxUnknownTenants) {
        return undefined;
      }
      if (unknown) this.unknownTenants++;
      reads = { running: undefined, next: undefined, lastBeganAt: request.lastReadAt, unknown };
      this.tenants.set(tenantId, reads);
    }
    reads.next = this.queue(tenantId, reads, request.paced);
    return reads.next;
  }

  private async queue(
    tenantId: string,
    reads: TenantReads<State>,
    paced: boolean,
  ): Promise<RegistryRead<State>> {
    // Always yields once, so the caller has recorded this read as `next` before it begins.
    await reads.running?.read.catch(() => undefined);
    if (paced && reads.lastBeganAt !== undefined) {
      const wait = reads.lastBeganAt + this.limits.minIntervalMs - this.now();
      if (wait > 0) await sleep(wait);
    }
    reads.next = undefined;
    const number = ++this.begun;
    const beganAt = this.now();
    reads.lastBeganAt = beganAt;
    const read = this.readStream(tenantId).then((state) => ({ state, number, beganAt }));
    reads.running = { number, read };
    try {
      return await read;
    } finally {
      this.settled(tenantId, reads, number);
    }
  }

  private settled(tenantId: string, reads: TenantReads<State>, number: number): void {
    if (reads.running?.number === number) reads.running = undefined;
    if (reads.running || reads.next) return;
    this.tenants.delete(tenantId);
    if (reads.unknown) this.unknownTenants--;
  }
}
