import { type DynamicModule, Module } from '@nestjs/common';
import type {
  HostResolver,
  ResolvedAddress,
} from '../../../../src/erasure/webhooks/safety/host-resolver';
import { CUSTOM_WEBHOOK_RESOLVER } from '../../../../src/erasure/webhooks/webhooks.tokens';

@Module({})
class WebhookResolverModule {}

/**
 * Host names that resolve from a table the test may change (to rebind a name), and a record
 * of every name asked. No DNS: a name the table lacks does not resolve.
 */
export class TableResolver {
  readonly asked: string[] = [];

  constructor(private readonly table: Record<string, readonly string[]>) {}

  set(host: string, addresses: readonly string[]): void {
    this.table[host] = addresses;
  }

  readonly resolve: HostResolver = (host) => {
    this.asked.push(host);
    const addresses = this.table[host];
    if (addresses === undefined) return Promise.reject(new Error('ENOTFOUND'));
    return Promise.resolve(
      addresses.map((address): ResolvedAddress => ({
        address,
        family: address.includes(':') ? 6 : 4,
      })),
    );
  };

  /** A global module that puts this resolver in place of the system's. */
  module(): DynamicModule {
    return {
      module: WebhookResolverModule,
      global: true,
      providers: [{ provide: CUSTOM_WEBHOOK_RESOLVER, useValue: this.resolve }],
      exports: [CUSTOM_WEBHOOK_RESOLVER],
    };
  }
}
